/**
 * What the GeoJSON and tile endpoints carry per feature. These bodies are built in PostGIS
 * (server/src/sql/features/*.sql, repos/tiles.ts) and sent as text, so the route schemas say
 * "a FeatureCollection"; the property shapes the client reads are declared once here.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { CameraStatus, Grade, GridType, IncidentCategory, IncidentStatus } from './vocabulary.ts';

/** [minLon, minLat, maxLon, maxLat] in WGS 84. */
export type BBox = [number, number, number, number];

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

/** Properties of `GET /api/grids/{id}` (sql/features/grid.sql). */
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
  cameras_working?: number;
  incidents_30d?: number;
  key_places?: number;
  /** [minLon, minLat, maxLon, maxLat] of the grid. */
  bbox?: BBox;
}

export type GridDetail = Feature<Polygon | MultiPolygon, GridDetailProperties>;

/** Properties of `GET /api/incidents` features (sql/features/incidents.sql). */
export interface IncidentProperties {
  id: string;
  category: IncidentCategory;
  grade: Grade;
  status: IncidentStatus;
  reported_at: string;
  grid_id: number | null;
  description: string;
  /** When present it decides open vs closed. */
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
