/** Display names (English + Chinese) for the domain's coded values, shared by map and panels. */
import type { IncidentCategory, IncidentStatus, Role } from '../api/types';

export interface Bilingual {
  en: string;
  zh: string;
}

export const CATEGORY_NAMES: Record<IncidentCategory, Bilingual> = {
  dispute: { en: 'Dispute', zh: '矛盾纠纷' },
  public_security: { en: 'Public security', zh: '治安' },
  fire_safety: { en: 'Fire & safety hazard', zh: '消防安全' },
  environment: { en: 'Environment', zh: '环境卫生' },
  facilities: { en: 'Facilities', zh: '城市部件' },
  civil_affairs: { en: 'Civil affairs', zh: '民政社保' },
  elderly_care: { en: 'Elderly care', zh: '独居老人' },
  policy: { en: 'Policy question', zh: '政策咨询' },
  lost_found: { en: 'Lost & found', zh: '失物招领' },
};

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

export const GRID_TYPE_NAMES: Record<string, Bilingual> = {
  urban: { en: 'Urban community', zh: '城市社区' },
  compound: { en: 'Residential compound', zh: '小区型' },
  street_lane: { en: 'Street-lane', zh: '街巷型' },
  unit: { en: 'Unit', zh: '单位型' },
  rural: { en: 'Rural', zh: '农村' },
};

export const ROLE_NAMES: Record<Role, Bilingual> = {
  wall: { en: 'Wall display', zh: '大屏' },
  operator: { en: 'Operator', zh: '值班员' },
  planner: { en: 'Planner', zh: '规划员' },
  admin: { en: 'Administrator', zh: '管理员' },
};

export const CAMERA_KIND_NAMES: Record<string, Bilingual> = {
  fixed: { en: 'Fixed', zh: '枪机' },
  ptz: { en: 'PTZ', zh: '球机' },
};

export function name<K extends string>(table: Record<K, Bilingual>, key: K | string): Bilingual {
  return (table as Record<string, Bilingual>)[key] ?? { en: key, zh: '' };
}
