/**
 * Shapes of the server's responses as the client uses them. Where the server publishes a
 * TypeBox contract (server/src/contract) the type comes from there, `import type` only (erased
 * at build: the client never bundles server code); the rest mirror the documented responses.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { LoginReplyT } from '../../../server/src/contract/auth.ts';
import type { CityCounts } from '../../../server/src/contract/summary.ts';
import type {
  CameraStatus,
  Grade,
  GridType,
  IncidentCategory,
  IncidentStatus,
} from '../../../server/src/contract/vocabulary.ts';

export type { CameraStatus, GridType, IncidentCategory, IncidentStatus };

export type LoginResponse = LoginReplyT;
export type Role = LoginReplyT['role'];

/** [minLon, minLat, maxLon, maxLat] in WGS 84. */
export type BBox = [number, number, number, number];

export interface CitySummary {
  city: {
    name: string;
    name_zh: string;
    center: [number, number];
    bbox: BBox;
    /** IANA time zone of the city (e.g. Asia/Shanghai): "today" and day buckets follow it. */
    timeZone?: string;
  };
  counts: CityCounts;
}

/** Properties of a grid as the `grids` tile layer carries them. */
export interface GridTileProperties {
  id: number;
  code: string;
  name: string;
  type: GridType;
  households: number;
  population: number;
  open_incidents: number;
  community_id: number;
}

/** Properties of `GET /api/grids/{id}`. */
export interface GridDetailProperties extends GridTileProperties {
  version: number;
  community_name: string;
  street_office_name: string;
  district_name: string;
  worker_name: string | null;
  worker_phone: string | null;
  cameras: number;
  buildings: number;
  area_km2: number;
  /** Optional extras the server may send. */
  cameras_working?: number;
  incidents_30d?: number;
  key_places?: number;
  /** [minLon, minLat, maxLon, maxLat] of the grid. */
  bbox?: BBox;
}

export type GridDetail = Feature<Polygon | MultiPolygon, GridDetailProperties>;

export type IncidentGrade = Grade;

export interface IncidentProperties {
  id: string;
  category: IncidentCategory;
  grade: IncidentGrade;
  status: IncidentStatus;
  reported_at: string;
  grid_id: number | null;
  description: string;
  /** Optional: when the server sends it, it decides open vs closed. */
  closed_at?: string | null;
}

export type IncidentFeature = Feature<Point, IncidentProperties>;
export type IncidentCollection = FeatureCollection<Point, IncidentProperties> & {
  numberReturned?: number;
  /** True when more incidents matched than `limit` allowed. */
  truncated?: boolean;
};

/** Properties of a camera as the `cameras` tile layer carries them. */
export interface CameraTileProperties {
  id: number;
  code: string;
  kind: 'fixed' | 'ptz';
  status: CameraStatus;
  bearing_deg: number;
  fov_deg: number;
  range_m: number;
}
