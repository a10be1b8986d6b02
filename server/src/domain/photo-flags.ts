/**
 * Warnings on a field photo, for the operator to weigh (a report is never refused for them): a
 * photo whose own GPS puts it far from the place reported, or whose own clock says it was taken
 * long before the report (an old photo reused) or after it (the clock of the phone is off, or the
 * photo was swapped later). Photos without EXIF time or position simply get no such flag.
 */
import type { PhotoFlag } from '../contract/media.ts';
import { metres } from './patrol-fixes.ts';

export { PHOTO_FLAGS, type PhotoFlag } from '../contract/media.ts';

/** Farther than this from the reported place (metres): past GPS error in a dense city block. */
export const FAR_FROM_REPORT_M = 500;
/** Taken more than this before the report (ms). */
export const LONG_BEFORE_MS = 3 * 3600_000;
/** Taken more than this after the report (ms): allows for a phone clock a little off. */
export const AFTER_MS = 10 * 60_000;

export interface PhotoFacts {
  takenAt: Date | null;
  lon: number | null;
  lat: number | null;
}

/** Where and when the report (or the step) says it happened. */
export interface PhotoReference {
  lon: number;
  lat: number;
  at: Date;
}

export function photoFlags(photo: PhotoFacts, ref: PhotoReference): PhotoFlag[] {
  const flags: PhotoFlag[] = [];
  if (photo.lon !== null && photo.lat !== null && metres(photo.lon, photo.lat, ref.lon, ref.lat) > FAR_FROM_REPORT_M)
    flags.push('far_from_report');
  if (photo.takenAt) {
    const lead = ref.at.getTime() - photo.takenAt.getTime();
    if (lead > LONG_BEFORE_MS) flags.push('taken_long_before');
    if (-lead > AFTER_MS) flags.push('taken_after');
  }
  return flags;
}
