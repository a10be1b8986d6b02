import type { ComponentType } from 'react';
import { OverviewPage } from './OverviewPage';
import { ConsolePage } from './ConsolePage';
import { CamerasPage } from '../pages/cameras/CamerasPage';
import { EditPage } from '../pages/edit/EditPage';
import { PatrolsPage } from '../pages/patrols/PatrolsPage';
import { WallPage } from '../pages/wall/WallPage';

export interface Route {
  path: string;
  label: string;
  labelZh: string;
  page: ComponentType;
}

/** Pages that exist. Nav shows exactly these. */
export const ROUTES: Route[] = [
  { path: '/', label: 'Overview', labelZh: '总览', page: OverviewPage },
  { path: '/console', label: 'Console', labelZh: '值班台', page: ConsolePage },
  { path: '/cameras', label: 'Cameras', labelZh: '视频覆盖', page: CamerasPage },
  { path: '/edit', label: 'Edit grids', labelZh: '网格编辑', page: EditPage },
  { path: '/patrols', label: 'Patrols', labelZh: '巡逻', page: PatrolsPage },
  // Rendered full screen by App (outside the shell); listed so the top bar links to it.
  { path: '/wall', label: 'Wall', labelZh: '大屏', page: WallPage },
];
