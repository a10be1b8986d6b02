import type { ComponentType } from 'react';
import { OverviewPage } from './OverviewPage';
import { ConsolePage } from './ConsolePage';
import { CamerasPage } from '../pages/cameras/CamerasPage';

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
];
