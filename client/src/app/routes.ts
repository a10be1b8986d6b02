import type { ComponentType } from 'react';
import { OverviewPage } from './OverviewPage';
import { ConsolePage } from './ConsolePage';
import type { Role } from '../api/types';
import { CamerasPage } from '../pages/cameras/CamerasPage';
import { DataPage } from '../pages/data/DataPage';
import { EditPage } from '../pages/edit/EditPage';
import { PatrolsPage } from '../pages/patrols/PatrolsPage';
import { WallPage } from '../pages/wall/WallPage';

export interface Route {
  path: string;
  label: string;
  labelZh: string;
  page: ComponentType;
  /** The roles the page is for (absent: every signed-in role); the nav shows it to these only. */
  roles?: readonly Role[];
}

/** Pages that exist. Nav shows exactly these (those with `roles`, to those roles only). */
export const ROUTES: Route[] = [
  { path: '/', label: 'Overview', labelZh: '总览', page: OverviewPage },
  { path: '/console', label: 'Console', labelZh: '值班台', page: ConsolePage },
  { path: '/cameras', label: 'Cameras', labelZh: '视频覆盖', page: CamerasPage },
  { path: '/edit', label: 'Edit grids', labelZh: '网格编辑', page: EditPage },
  { path: '/patrols', label: 'Patrols', labelZh: '巡逻', page: PatrolsPage },
  { path: '/data', label: 'Data', labelZh: '数据', page: DataPage, roles: ['planner', 'admin'] },
  // Rendered full screen by App (outside the shell); listed so the top bar links to it.
  { path: '/wall', label: 'Wall', labelZh: '大屏', page: WallPage },
];
