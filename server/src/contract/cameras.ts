/**
 * Cameras: the registry's shapes and what a camera write answers. Coverage measures, gaps,
 * suggestions and what-if plans are in coverage.ts. The client imports the types (import type only).
 */
import { Type, type Static } from 'typebox';
import { Id } from './common.ts';

export const CameraKind = Type.Union([Type.Literal('fixed'), Type.Literal('ptz')], {
  description:
    'fixed: a sector of fov_deg around bearing_deg; ptz (dome): sweeps, covers the full circle within its range',
});
export const CameraStatus = Type.Union([Type.Literal('working'), Type.Literal('faulty'), Type.Literal('offline')], {
  description: 'Faulty and offline cameras cover nothing',
});

const Lon = Type.Number({ minimum: -180, maximum: 180, description: 'Longitude, WGS 84' });
const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'Latitude, WGS 84' });
const Bearing = Type.Number({
  minimum: 0,
  exclusiveMaximum: 360,
  description: 'Where the camera faces: degrees clockwise from north, 0 ≤ b < 360',
});
export const Fov = Type.Number({
  exclusiveMinimum: 0,
  maximum: 360,
  description: 'Horizontal field of view (degrees)',
});
export const Range = Type.Number({ exclusiveMinimum: 0, maximum: 2000, description: 'How far it sees usefully (m)' });
export const Height = Type.Number({ minimum: 0, maximum: 200, description: 'Mounting height above the ground (m)' });
const Code = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$',
  description: 'Unique code, e.g. CAM-000123',
});
const Day = Type.String({ format: 'date', description: 'Installation date, YYYY-MM-DD' });

/** The fields a camera is made of; the registry's source of truth for validation. */
export const CameraFields = {
  code: Code,
  kind: CameraKind,
  status: CameraStatus,
  lon: Lon,
  lat: Lat,
  bearing_deg: Bearing,
  fov_deg: Fov,
  range_m: Range,
  height_m: Height,
  installed_at: Type.Union([Day, Type.Null()]),
};

export const NewCameraBody = Type.Object(
  {
    code: Type.Optional(Code),
    kind: Type.Optional(CameraKind),
    status: Type.Optional(CameraStatus),
    lon: Lon,
    lat: Lat,
    bearing_deg: Type.Optional(Bearing),
    fov_deg: Type.Optional(Fov),
    range_m: Range,
    height_m: Type.Optional(Height),
    installed_at: Type.Optional(Type.Union([Day, Type.Null()])),
  },
  {
    additionalProperties: false,
    description:
      'A new camera. Defaults: kind fixed, status working, bearing 0, fov 60 (360 for ptz), height 6 m; code CAM-<id>',
  },
);
export type NewCameraBodyT = Static<typeof NewCameraBody>;

export const CameraPatchBody = Type.Object(
  {
    version: Id({ description: 'The version the edit is based on; a stale one is a 409' }),
    code: Type.Optional(Code),
    kind: Type.Optional(CameraKind),
    status: Type.Optional(CameraStatus),
    lon: Type.Optional(Lon),
    lat: Type.Optional(Lat),
    bearing_deg: Type.Optional(Bearing),
    fov_deg: Type.Optional(Fov),
    range_m: Type.Optional(Range),
    height_m: Type.Optional(Height),
    installed_at: Type.Optional(Type.Union([Day, Type.Null()])),
  },
  {
    additionalProperties: false,
    description: 'Fields to change (others keep their value) and the version they were based on',
  },
);
export type CameraPatchBodyT = Static<typeof CameraPatchBody>;

export const CameraSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  kind: CameraKind,
  status: CameraStatus,
  lon: Type.Number(),
  lat: Type.Number(),
  bearing_deg: Type.Number(),
  fov_deg: Type.Number(),
  range_m: Type.Number(),
  height_m: Type.Number(),
  installed_at: Type.Union([Type.String(), Type.Null()]),
  grid_id: Type.Union([Type.Integer(), Type.Null()]),
  community_id: Type.Union([Type.Integer(), Type.Null()]),
  district_id: Type.Union([Type.Integer(), Type.Null()]),
  version: Type.Integer(),
  updated_at: Type.String(),
  updated_by: Type.String(),
  view_m2: Type.Union([Type.Number(), Type.Null()], {
    description: 'Ground in view (m²); null when it covers nothing',
  }),
});
export type Camera = Static<typeof CameraSchema>;

export const ImportResult = Type.Object({
  inserted: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), reason: Type.String() })),
  ids: Type.Array(Type.Integer()),
});

/** What a camera change did to coverage (in write responses and `camera.changed` events). */
export const CoverageEffect = Type.Object({
  grids: Type.Array(Type.Integer(), { description: 'Grids whose measures were recomputed' }),
  roads: Type.Integer(),
  points: Type.Integer(),
  ms: Type.Number({ description: 'Time the coverage update took' }),
});
export type CoverageEffectT = Static<typeof CoverageEffect>;

/** `GET /api/cameras/{id}`. */
export const CameraResponse = Type.Object({ camera: CameraSchema });
export type CameraResponse = Static<typeof CameraResponse>;

/** A camera written (added or changed) and what it did to coverage. */
export const CameraWritten = Type.Object({ camera: CameraSchema, coverage: CoverageEffect });
export type CameraWritten = Static<typeof CameraWritten>;

/** A camera removed and what it did to coverage. */
export const CameraDeleted = Type.Object({ deleted: Type.Integer(), coverage: CoverageEffect });
export type CameraDeleted = Static<typeof CameraDeleted>;
