/**
 * Personal data shown to roles that need only to know it exists. The wall display is often in
 * view of visitors, so a worker's phone number reaches it masked: `138****5678`.
 */
import type { Role } from '../contract/vocabulary.ts';

/** Roles that see phone numbers masked. */
const MASKED_ROLES: readonly Role[] = ['wall'];

export function masksPersonalData(role: Role | undefined): boolean {
  return role !== undefined && MASKED_ROLES.includes(role);
}

/**
 * Keeps the first three and last four digits of a phone number and stars the rest; a short
 * number keeps only its last two digits. Separators and a leading + are dropped. Null stays null.
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone === null || phone === undefined) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 0) return phone.trim() === '' ? phone : '****';
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length >= 7) return `${digits.slice(0, 2)}****${digits.slice(-3)}`;
  return `****${digits.slice(-2)}`;
}

/** Property names that hold a phone number in the GeoJSON the server builds (sql/features, sql/grid-edits). */
const PHONE_PROPERTIES = ['worker_phone', 'phone'];

/** A GeoJSON Feature or FeatureCollection (as text) with every phone property masked. */
export function maskPhonesInGeoJson(text: string): string {
  const doc = JSON.parse(text) as { features?: unknown[]; properties?: Record<string, unknown> | null };
  const maskFeature = (f: unknown) => {
    const props = (f as { properties?: Record<string, unknown> | null }).properties;
    if (!props) return;
    for (const key of PHONE_PROPERTIES)
      if (typeof props[key] === 'string') props[key] = maskPhone(props[key] as string);
  };
  if (Array.isArray(doc.features)) doc.features.forEach(maskFeature);
  else maskFeature(doc);
  return JSON.stringify(doc);
}
