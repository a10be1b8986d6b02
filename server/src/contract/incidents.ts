/** TypeBox schemas of the incident write API and the console's reads. */
import { Type, type Static } from 'typebox';
import type { HistoryEntry, IncidentSummary } from './events.ts';
import { IncidentPhotoSchema, PhotoRef, StoredPhotoSchema, type StoredPhoto } from './media.ts';
import { CATEGORY_CODE_PATTERN } from './registers.ts';
import { ACTION_KEYS, CATEGORY_KEYS, GRADE_KEYS, SOURCE_KEYS, type IncidentAction } from './vocabulary.ts';
import { Id } from './common.ts';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** Any code of the categories register (GET /api/categories): a city adds its own to the nine built in. */
export const CategorySchema = Type.String({
  pattern: CATEGORY_CODE_PATTERN,
  description: `A category code of the register, e.g. ${CATEGORY_KEYS.slice(0, 3).join(', ')}`,
});
export const GradeSchema = lit(GRADE_KEYS);
export const SourceSchema = lit(SOURCE_KEYS);

const Lon = Type.Number({ minimum: -180, maximum: 180, description: 'WGS 84 longitude' });
const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'WGS 84 latitude' });

/**
 * The older, metadata-only form of a photo (`{name, mime, bytes…}`): still accepted from the
 * simulator and from phones not yet updated; it holds no image. The documented form is
 * `{id}`, an id from `POST /api/media`.
 */
export const LegacyPhoto = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    mime: Type.Optional(Type.String({ maxLength: 100 })),
    bytes: Type.Optional(Type.Integer({ minimum: 0 })),
    taken_at: Type.Optional(Type.String({ format: 'date-time' })),
    sha256: Type.Optional(Type.String({ pattern: '^[a-f0-9]{64}$' })),
  },
  { additionalProperties: false },
);

/** A photo named by a report or a step: `{id}` from `POST /api/media` (or the legacy metadata form). */
export const Photo = Type.Union([PhotoRef, LegacyPhoto]);

export const NewIncidentBody = Type.Object(
  {
    id: Type.String({
      format: 'uuid',
      description: 'Chosen by the reporting device; a retry with the same id is stored once',
    }),
    category: CategorySchema,
    grade: Type.Optional(GradeSchema),
    source: Type.Optional(SourceSchema),
    description: Type.String({ minLength: 1, maxLength: 2000 }),
    lon: Lon,
    lat: Lat,
    reported_at: Type.Optional(
      Type.String({ format: 'date-time', description: 'Device time of the report; default: now' }),
    ),
    photos: Type.Optional(
      Type.Array(Photo, { maxItems: 20, description: 'Photos uploaded first with POST /api/media, as `[{id}]`' }),
    ),
  },
  { additionalProperties: false },
);
export type NewIncidentBodyT = Static<typeof NewIncidentBody>;

export const ActionBody = Type.Object(
  {
    action: lit(ACTION_KEYS),
    note: Type.Optional(Type.String({ maxLength: 2000, default: '' })),
    version: Type.Optional(
      Id({
        description: 'Required: the version you acted on (missing → 400 `version is required`; a newer one → 409)',
      }),
    ),
    unit_id: Type.Optional(Id({ description: 'dispatch: the patrol unit sent' })),
    duplicate_of: Type.Optional(
      Type.String({ format: 'uuid', description: 'mark_duplicate: the incident this repeats' }),
    ),
    evaluation: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: 'evaluate: score 1–5' })),
    department: Type.Optional(
      Type.String({ maxLength: 200, description: 'escalate/dispatch: the department that must respond' }),
    ),
    lon: Type.Optional(Lon),
    lat: Type.Optional(Lat),
    photos: Type.Optional(
      Type.Array(PhotoRef, {
        maxItems: 20,
        description: 'e.g. handle: "after" photos, uploaded first with POST /api/media',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ActionBodyT = Static<typeof ActionBody>;

export const IncidentSummarySchema = Type.Object(
  {
    id: Type.String(),
    category: Type.String(),
    grade: Type.String(),
    status: Type.String(),
    source: Type.String(),
    description: Type.String(),
    reported_at: Type.String(),
    updated_at: Type.String(),
    closed_at: Type.Union([Type.String(), Type.Null()]),
    due_at: Type.Union([Type.String(), Type.Null()]),
    grid_id: Type.Union([Type.Integer(), Type.Null()]),
    community_id: Type.Union([Type.Integer(), Type.Null()]),
    street_office_id: Type.Union([Type.Integer(), Type.Null()]),
    district_id: Type.Union([Type.Integer(), Type.Null()]),
    assigned_unit_id: Type.Union([Type.Integer(), Type.Null()]),
    duplicate_of: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer(),
    lon: Type.Number(),
    lat: Type.Number(),
  },
  { additionalProperties: true },
);

export const HistorySchema = Type.Object({
  action: Type.String(),
  from_status: Type.Union([Type.String(), Type.Null()]),
  to_status: Type.String(),
  actor: Type.String(),
  note: Type.String(),
  at: Type.String(),
  lon: Type.Union([Type.Number(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  photos: Type.Optional(Type.Array(StoredPhotoSchema, { description: "The step's photos (stage after)" })),
});

/** The card's photos: stored items, and legacy metadata-only entries (which carry no id). */
export const IncidentPhotosSchema = Type.Array(IncidentPhotoSchema);
export type IncidentPhoto = StoredPhoto | { name: string; [k: string]: unknown };

// Response types as the client reads them. The route schemas above stay loose on purpose
// (extra fields pass through); these name the coded values precisely.

/** A queue row (`GET /api/queue`): the incident and whether its current step is past due. */
export type QueueIncident = IncidentSummary & { overdue: boolean };
export interface QueueResponse {
  incidents: QueueIncident[];
}

/** `GET /api/incidents/{id}`: the card with its history and the actions allowed now. */
export interface IncidentCard {
  incident: IncidentSummary;
  /** The report's photos (stage before) and later steps' (stage after), with their flags. */
  photos?: IncidentPhoto[];
  history: HistoryEntry[];
  allowed: IncidentAction[];
}

/** `GET /api/incidents/{id}/duplicates`: open incidents nearby of the same category. */
export type DuplicateCandidate = IncidentSummary & { distance_m: number };

/** `POST /api/incidents/{id}/actions`: the incident after the step and the history row it wrote. */
export interface ActionResult {
  incident: IncidentSummary;
  history: HistoryEntry;
  allowed: IncidentAction[];
}
