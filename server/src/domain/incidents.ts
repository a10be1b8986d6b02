/** Incident vocabulary shared by the server, the fixtures and the client. */
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
} as const;
export type IncidentCategory = keyof typeof INCIDENT_CATEGORIES;

export const GRADES = {
  routine: { en: 'Routine', zh: '常规' },
  key: { en: 'Key', zh: '重点' },
  difficult: { en: 'Difficult', zh: '疑难' },
} as const;
export type Grade = keyof typeof GRADES;

export const STATUSES = [
  'reported', 'accepted', 'dispatched', 'handled', 'verified', 'archived', 'evaluated', 'rejected', 'duplicate', 'escalated',
] as const;
export type IncidentStatus = (typeof STATUSES)[number];

/** Statuses in which an incident no longer needs work (they set closed_at). */
export const CLOSED_STATUSES: readonly IncidentStatus[] = ['archived', 'evaluated', 'rejected', 'duplicate'];

export function isClosed(status: IncidentStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}
