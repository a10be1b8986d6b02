import { expect, test } from 'vitest';
import { parseLonLat } from './lonlat.ts';

test('a lon,lat pair parses to numbers', () => {
  expect(parseLonLat('from', '111.6,26.2')).toEqual({ ok: true, point: [111.6, 26.2] });
  expect(parseLonLat('from', '-0.5,-10')).toEqual({ ok: true, point: [-0.5, -10] });
});

test('malformed or out-of-range pairs give a reason naming the parameter', () => {
  expect(parseLonLat('from', '1.2.3,4')).toEqual({ ok: false, reason: 'from values must be decimal numbers' });
  expect(parseLonLat('to', '1,2,3')).toMatchObject({
    ok: false,
    reason: expect.stringContaining('to must be lon,lat'),
  });
  expect(parseLonLat('to', '.,.')).toMatchObject({ ok: false });
  expect(parseLonLat('to', '181,0')).toEqual({ ok: false, reason: 'to longitude must lie within -180..180' });
  expect(parseLonLat('to', '0,91')).toEqual({ ok: false, reason: 'to latitude must lie within -90..90' });
});
