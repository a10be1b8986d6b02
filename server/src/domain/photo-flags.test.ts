import { describe, expect, it } from 'vitest';
import { photoFlags } from './photo-flags.ts';

const at = new Date('2026-12-03T08:00:00Z');
const ref = { lon: 112.9388, lat: 28.2282, at };
// 0.001° of latitude ≈ 111 m.
const north = (m: number) => ref.lat + m / 111_195;

describe('photo flags', () => {
  it('flags nothing for a photo taken on the spot just before the report', () => {
    expect(photoFlags({ lon: ref.lon, lat: north(120), takenAt: new Date(at.getTime() - 5 * 60_000) }, ref)).toEqual(
      [],
    );
  });
  it('flags a photo whose own GPS lies more than 500 m from the report', () => {
    expect(photoFlags({ lon: ref.lon, lat: north(480), takenAt: null }, ref)).toEqual([]);
    expect(photoFlags({ lon: ref.lon, lat: north(520), takenAt: null }, ref)).toEqual(['far_from_report']);
  });
  it('flags a photo taken more than 3 h before the report', () => {
    const before = (h: number) => ({ lon: null, lat: null, takenAt: new Date(at.getTime() - h * 3600_000) });
    expect(photoFlags(before(2.9), ref)).toEqual([]);
    expect(photoFlags(before(3.1), ref)).toEqual(['taken_long_before']);
  });
  it('flags a photo taken more than 10 min after the report', () => {
    const after = (min: number) => ({ lon: null, lat: null, takenAt: new Date(at.getTime() + min * 60_000) });
    expect(photoFlags(after(9), ref)).toEqual([]);
    expect(photoFlags(after(11), ref)).toEqual(['taken_after']);
  });
  it('flags nothing it cannot know: no EXIF position, no EXIF time', () => {
    expect(photoFlags({ lon: null, lat: null, takenAt: null }, ref)).toEqual([]);
  });
  it('gives every flag that applies', () => {
    const old = { lon: ref.lon + 0.1, lat: ref.lat, takenAt: new Date(at.getTime() - 86_400_000) };
    expect(photoFlags(old, ref)).toEqual(['far_from_report', 'taken_long_before']);
  });
});
