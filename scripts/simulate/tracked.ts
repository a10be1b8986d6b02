/** What the simulator knows of an incident it works on, and an incident as the API returns it. */
import type { Grade, IncidentCategory, IncidentStatus } from '../../server/src/domain/incidents.ts';
import type { Fate, Progress } from './policy.ts';

export interface Tracked {
  id: string;
  category: IncidentCategory;
  grade: Grade;
  status: IncidentStatus;
  version: number;
  lon: number;
  lat: number;
  gridId: number | null;
  streetOfficeId: number | null;
  description: string;
  reportedAt: number;
  own: boolean;
  fate: Fate;
  progress: Progress;
  department: string | null;
  busy: boolean;
  noUnit: boolean;
}

export interface IncidentJson {
  id: string;
  category: IncidentCategory;
  grade: Grade;
  status: IncidentStatus;
  version: number;
  lon: number;
  lat: number;
  grid_id: number | null;
  street_office_id: number | null;
  description: string;
}
