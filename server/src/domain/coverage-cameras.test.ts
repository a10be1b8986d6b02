import { describe, expect, it } from 'vitest';
import { applyPatch, cameraProblem, parseCameraFeature, withDefaults } from './coverage-cameras.ts';

const point = (props: Record<string, unknown>, coordinates: unknown = [111.6, 26.2]) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates },
  properties: props,
});

describe('withDefaults', () => {
  it('fills the defaults; a PTZ camera sweeps the full circle', () => {
    expect(withDefaults({ lon: 1, lat: 2, range_m: 50 })).toEqual({
      code: null,
      kind: 'fixed',
      status: 'working',
      lon: 1,
      lat: 2,
      bearing_deg: 0,
      fov_deg: 60,
      range_m: 50,
      height_m: 6,
      installed_at: null,
    });
    expect(withDefaults({ lon: 1, lat: 2, range_m: 50, kind: 'ptz', fov_deg: 90 }).fov_deg).toBe(360);
  });
});

describe('applyPatch', () => {
  const cam = withDefaults({ lon: 1, lat: 2, range_m: 50, fov_deg: 80 });
  it('overlays only the fields given', () => {
    expect(applyPatch(cam, { lon: 1.5, status: 'faulty' })).toMatchObject({
      lon: 1.5,
      lat: 2,
      status: 'faulty',
      fov_deg: 80,
    });
  });
  it('turns a camera into a PTZ and back', () => {
    const ptz = applyPatch(cam, { kind: 'ptz' });
    expect(ptz.fov_deg).toBe(360);
    expect(applyPatch(ptz, { kind: 'fixed' }).fov_deg).toBe(60);
    expect(applyPatch(ptz, { kind: 'fixed', fov_deg: 45 }).fov_deg).toBe(45);
  });
});

describe('cameraProblem', () => {
  const ok = withDefaults({ lon: 111.6, lat: 26.2, range_m: 50 });
  it.each([
    [{ bearing_deg: 720 }, /bearing_deg 720/],
    [{ bearing_deg: 360 }, /below 360/],
    [{ bearing_deg: -1 }, /at least 0/],
    [{ range_m: -5 }, /range_m -5/],
    [{ range_m: 0 }, /above 0/],
    [{ range_m: Number.NaN }, /finite/],
    [{ lon: Number.POSITIVE_INFINITY }, /finite/],
    [{ fov_deg: 0 }, /fov_deg/],
    [{ height_m: 500 }, /height_m/],
    [{ lat: 95 }, /lat 95/],
    [{ code: 'bad code!' }, /code/],
    [{ installed_at: '2020-13-45' }, /installed_at/],
  ])('refuses %o', (change, reason) => {
    expect(cameraProblem({ ...ok, ...change } as never)).toMatch(reason);
  });
  it('accepts a sound camera', () => expect(cameraProblem(ok)).toBeNull());
});

describe('parseCameraFeature', () => {
  it('takes a Point with the exported properties (extra ones ignored)', () => {
    const r = parseCameraFeature(
      point({
        code: 'CAM-9',
        kind: 'fixed',
        status: 'faulty',
        bearing_deg: 45,
        fov_deg: 70,
        range_m: 80,
        height_m: 7,
        installed_at: '2021-05-01',
        grid_id: 3,
        version: 2,
      }),
    );
    expect(r).toEqual({
      ok: true,
      camera: {
        code: 'CAM-9',
        kind: 'fixed',
        status: 'faulty',
        lon: 111.6,
        lat: 26.2,
        bearing_deg: 45,
        fov_deg: 70,
        range_m: 80,
        height_m: 7,
        installed_at: '2021-05-01',
      },
    });
  });
  it('takes numeric strings', () => {
    const r = parseCameraFeature(point({ range_m: '80', bearing_deg: '10.5' }));
    expect(r.ok && r.camera.range_m).toBe(80);
    expect(r.ok && r.camera.bearing_deg).toBe(10.5);
  });
  it.each([
    [null, /not a GeoJSON Feature/],
    [[], /not a GeoJSON Feature/],
    [{ type: 'Polygon' }, /type must be "Feature"/],
    [{ type: 'Feature', geometry: null, properties: {} }, /geometry is missing/],
    [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: {} }, /must be a Point/],
    [point({ range_m: 50 }, [111.6]), /\[lon, lat\]/],
    [point({ range_m: 50 }, ['x', 26]), /lon must be a finite number/],
    [point({}), /range_m is required/],
    [point({ range_m: 'NaN' }), /range_m must be a finite number/],
    [point({ range_m: 50, bearing_deg: 720 }), /bearing_deg 720/],
    [point({ range_m: -1 }), /range_m -1/],
    [point({ range_m: 50, kind: 'dome' }), /kind must be fixed or ptz/],
    [point({ range_m: 50, status: 'broken' }), /status must be/],
    [point({ range_m: 50 }, [200, 26]), /lon 200/],
  ])('refuses %j with a reason', (f, reason) => {
    const r = parseCameraFeature(f);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });
});
