/**
 * The domain's coded values and their official bilingual names: one source for the server
 * (domain rules, schemas, exports), the fixtures and the client (map, panels, wall). Pure values
 * only, no I/O. The Chinese terms are the ones grid governance documents use (社会治安, 矛盾纠纷…).
 */

/** A display name in English and Chinese. */
export interface Bilingual {
  en: string;
  zh: string;
}

// ---------------------------------------------------------------------------------------------
// Incidents

export const INCIDENT_CATEGORIES = {
  dispute: { en: 'Dispute & mediation', zh: '矛盾纠纷' },
  public_security: { en: 'Public security', zh: '社会治安' },
  fire_safety: { en: 'Fire & safety hazard', zh: '消防安全隐患' },
  environment: { en: 'Environment & sanitation', zh: '环境卫生' },
  facilities: { en: 'City facilities', zh: '城市部件' },
  civil_affairs: { en: 'Civil affairs & social security', zh: '民政社保' },
  elderly_care: { en: 'Help for the elderly', zh: '独居老人帮扶' },
  policy: { en: 'Policy question', zh: '政策咨询' },
  lost_found: { en: 'Lost & found', zh: '失物招领' },
} as const satisfies Record<string, Bilingual>;
export type IncidentCategory = keyof typeof INCIDENT_CATEGORIES;
export const CATEGORY_KEYS = Object.keys(INCIDENT_CATEGORIES) as IncidentCategory[];

export const GRADES = {
  routine: { en: 'Routine', zh: '常规' },
  key: { en: 'Key', zh: '重点' },
  difficult: { en: 'Difficult', zh: '疑难' },
} as const satisfies Record<string, Bilingual>;
export type Grade = keyof typeof GRADES;
export const GRADE_KEYS = Object.keys(GRADES) as Grade[];

export const STATUSES = [
  'reported',
  'accepted',
  'dispatched',
  'handled',
  'verified',
  'archived',
  'evaluated',
  'rejected',
  'duplicate',
  'escalated',
] as const;
export type IncidentStatus = (typeof STATUSES)[number];

/** Statuses in which an incident no longer needs work (they set closed_at). */
export const CLOSED_STATUSES: readonly IncidentStatus[] = ['archived', 'evaluated', 'rejected', 'duplicate'];

export const STATUS_NAMES: Record<IncidentStatus, Bilingual> = {
  reported: { en: 'Reported', zh: '已上报' },
  accepted: { en: 'Accepted', zh: '已受理' },
  dispatched: { en: 'Dispatched', zh: '已派遣' },
  handled: { en: 'Handled', zh: '已处置' },
  verified: { en: 'Verified', zh: '已核查' },
  archived: { en: 'Archived', zh: '已归档' },
  evaluated: { en: 'Evaluated', zh: '已评价' },
  rejected: { en: 'Rejected', zh: '不予受理' },
  duplicate: { en: 'Duplicate', zh: '重复' },
  escalated: { en: 'Escalated', zh: '已上报上级' },
};

/** The closed loop's actions, in workflow order (domain/workflow.ts says which status each applies to). */
export const ACTION_NAMES = {
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
  // The field side (a grid worker's phone): take a dispatched task, ask for help, give it back.
  acknowledge: { en: 'Accept task', zh: '签收' },
  request_help: { en: 'Ask for help', zh: '求助' },
  send_back: { en: 'Send back', zh: '退回' },
} as const satisfies Record<string, Bilingual>;
export type IncidentAction = keyof typeof ACTION_NAMES;
export const ACTION_KEYS = Object.keys(ACTION_NAMES) as IncidentAction[];

/** Names of an incident's history rows: every action, and the report that opened it. */
export const HISTORY_ACTION_NAMES: Record<IncidentAction | 'report', Bilingual> = {
  ...ACTION_NAMES,
  report: { en: 'Reported', zh: '上报' },
};

export const SOURCE_NAMES = {
  grid_worker: { en: 'Grid worker', zh: '网格员上报' },
  hotline: { en: 'Hotline', zh: '热线' },
  camera: { en: 'Camera', zh: '视频发现' },
  patrol: { en: 'Patrol', zh: '巡逻发现' },
  public: { en: 'Public', zh: '群众上报' },
  wechat: { en: 'WeChat', zh: '微信' },
} as const satisfies Record<string, Bilingual>;
export type IncidentSource = keyof typeof SOURCE_NAMES;
export const SOURCE_KEYS = Object.keys(SOURCE_NAMES) as IncidentSource[];

// ---------------------------------------------------------------------------------------------
// People, grids, cameras, patrol units

export const ROLES = ['wall', 'operator', 'planner', 'admin', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, Bilingual> = {
  wall: { en: 'Wall display', zh: '大屏' },
  operator: { en: 'Operator', zh: '值班员' },
  planner: { en: 'Planner', zh: '规划员' },
  admin: { en: 'Administrator', zh: '管理员' },
  worker: { en: 'Grid worker (phone)', zh: '网格员（手机）' },
};

export const GRID_TYPE_NAMES = {
  urban: { en: 'Urban community', zh: '城市社区' },
  compound: { en: 'Residential compound', zh: '小区型' },
  street_lane: { en: 'Street-lane', zh: '街巷型' },
  unit: { en: 'Unit', zh: '单位型' },
  rural: { en: 'Rural', zh: '农村' },
} as const satisfies Record<string, Bilingual>;
export type GridType = keyof typeof GRID_TYPE_NAMES;

export const CAMERA_KIND_NAMES = {
  fixed: { en: 'Fixed', zh: '枪机' },
  ptz: { en: 'PTZ', zh: '球机' },
} as const satisfies Record<string, Bilingual>;
export type CameraKind = keyof typeof CAMERA_KIND_NAMES;

export const CAMERA_STATUS_NAMES = {
  working: { en: 'Working', zh: '在线' },
  faulty: { en: 'Faulty', zh: '故障' },
  offline: { en: 'Offline', zh: '离线' },
} as const satisfies Record<string, Bilingual>;
export type CameraStatus = keyof typeof CAMERA_STATUS_NAMES;

export const UNIT_KIND_NAMES = {
  patrol_team: { en: 'Patrol team', zh: '巡防队' },
  grid_worker: { en: 'Grid worker', zh: '网格员' },
} as const satisfies Record<string, Bilingual>;
export type UnitKind = keyof typeof UNIT_KIND_NAMES;

export const UNIT_STATUS_NAMES = {
  on_patrol: { en: 'On patrol', zh: '巡逻中' },
  responding: { en: 'Responding', zh: '处置中' },
  off_duty: { en: 'Off duty', zh: '休息' },
} as const satisfies Record<string, Bilingual>;
export type UnitStatus = keyof typeof UNIT_STATUS_NAMES;
