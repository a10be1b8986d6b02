/** TypeBox schemas and types of field photos (`POST /api/media`) and of photos attached to incidents. */
import { Type, type Static } from 'typebox';

/** Warnings on a photo, shown to the operator; a report is never refused for them. */
export const PHOTO_FLAGS = ['far_from_report', 'taken_long_before', 'taken_after'] as const;
export type PhotoFlag = (typeof PHOTO_FLAGS)[number];

/** How the console names each flag (中文 first, then English). */
export const PHOTO_FLAG_LABELS: Record<PhotoFlag, { zh: string; en: string }> = {
  far_from_report: { zh: '拍摄地点距上报位置超过500米', en: 'taken more than 500 m from the reported place' },
  taken_long_before: { zh: '拍摄时间早于上报3小时以上', en: 'taken more than 3 h before the report' },
  taken_after: { zh: '拍摄时间晚于上报10分钟以上', en: 'taken more than 10 min after the report' },
};

/** 201/200 of `POST /api/media`: what the server read from the bytes. */
export const MediaSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  sha256: Type.String({ pattern: '^[a-f0-9]{64}$' }),
  mime: Type.String(),
  bytes: Type.Integer(),
  width: Type.Integer(),
  height: Type.Integer(),
  taken_at: Type.Optional(Type.String({ description: 'EXIF time taken (ISO 8601 UTC)' })),
  lon: Type.Optional(Type.Number({ description: 'EXIF GPS longitude' })),
  lat: Type.Optional(Type.Number({ description: 'EXIF GPS latitude' })),
});
export type Media = Static<typeof MediaSchema>;

/** A photo as a report or a step names it: an id from `POST /api/media`. */
export const PhotoRef = Type.Object(
  { id: Type.String({ format: 'uuid', description: 'An id returned by POST /api/media' }) },
  { additionalProperties: false },
);

/** A photo as an incident (or a history row, or a visit) stores it. */
export interface StoredPhoto {
  id: string;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  taken_at: string | null;
  lon: number | null;
  lat: number | null;
  /** before: with the report; after: with a later step (e.g. `handle`). */
  stage: 'before' | 'after';
  flags: PhotoFlag[];
}

export const StoredPhotoSchema = Type.Object(
  {
    id: Type.String(),
    sha256: Type.String(),
    mime: Type.String(),
    width: Type.Integer(),
    height: Type.Integer(),
    taken_at: Type.Union([Type.String(), Type.Null()]),
    lon: Type.Union([Type.Number(), Type.Null()]),
    lat: Type.Union([Type.Number(), Type.Null()]),
    stage: Type.Union([Type.Literal('before'), Type.Literal('after')]),
    flags: Type.Array(Type.String()),
  },
  { additionalProperties: true },
);

/** A stored photo item, or an older metadata-only entry (`{name, …}`) of a report filed before photos were uploaded. */
export const IncidentPhotoSchema = Type.Union([StoredPhotoSchema, Type.Object({}, { additionalProperties: true })]);

/** True for a photo that the server holds (has an id), false for legacy metadata-only entries. */
export function isStoredPhoto(p: unknown): p is StoredPhoto {
  return typeof p === 'object' && p !== null && typeof (p as { id?: unknown }).id === 'string';
}
