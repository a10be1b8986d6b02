/**
 * Display names for the closed loop's actions and the patrol units, mirroring the server's
 * `ACTIONS[a].en/zh` (server/src/domain/workflow.ts; the client may not import its runtime).
 * The `Record<IncidentAction, …>` type makes the compiler flag an action added on the server.
 */
import type { IncidentAction } from '../api/incidents';
import type { Bilingual } from './vocabulary';

export const ACTION_NAMES: Record<IncidentAction, Bilingual> = {
  accept: { en: 'Accept', zh: '受理' },
  reject: { en: 'Reject', zh: '不予受理' },
  mark_duplicate: { en: 'Mark duplicate', zh: '重复事件' },
  dispatch: { en: 'Dispatch', zh: '派遣' },
  escalate: { en: 'Escalate (whistle)', zh: '吹哨上报' },
  handle: { en: 'Report handled', zh: '处置反馈' },
  reopen: { en: 'Verification failed: reopen', zh: '核查未通过' },
  verify: { en: 'Verify', zh: '任务核查' },
  archive: { en: 'Archive', zh: '事件归档' },
  evaluate: { en: 'Evaluate', zh: '考核评价' },
};

/** The history's first row is the report itself. */
export const HISTORY_ACTION_NAMES: Record<string, Bilingual> = {
  ...ACTION_NAMES,
  report: { en: 'Reported', zh: '上报' },
};

/** Actions that end the incident or turn it away: drawn as danger buttons. */
export const DANGER_ACTIONS: ReadonlySet<IncidentAction> = new Set<IncidentAction>(['reject', 'reopen']);

/** Actions that need a note saying why. */
export const NOTE_REQUIRED: ReadonlySet<IncidentAction> = new Set<IncidentAction>(['reject', 'reopen']);

export const UNIT_KIND_NAMES: Record<string, Bilingual> = {
  patrol_team: { en: 'Patrol team', zh: '巡防队' },
  grid_worker: { en: 'Grid worker', zh: '网格员' },
};

export const UNIT_STATUS_NAMES: Record<string, Bilingual> = {
  on_patrol: { en: 'On patrol', zh: '巡逻中' },
  responding: { en: 'Responding', zh: '处置中' },
  off_duty: { en: 'Off duty', zh: '休息' },
};

export const SOURCE_NAMES: Record<string, Bilingual> = {
  grid_worker: { en: 'Grid worker', zh: '网格员上报' },
  hotline: { en: 'Hotline', zh: '热线' },
  camera: { en: 'Camera', zh: '视频发现' },
  patrol: { en: 'Patrol', zh: '巡逻发现' },
  public: { en: 'Public', zh: '群众上报' },
};
