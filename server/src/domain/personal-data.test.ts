import { describe, expect, it } from 'vitest';
import { maskPhone, maskPhonesInGeoJson, masksPersonalData } from './personal-data.ts';

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('861****5678');
  });
  it('hides most of a shorter number and never returns the original', () => {
    expect(maskPhone('0746-8221234')).toBe('074****1234');
    expect(maskPhone('8221234')).toBe('82****234');
    expect(maskPhone('110')).toBe('****10');
    expect(maskPhone('ask the office')).toBe('****');
  });
  it('leaves an absent number absent', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
  });
});

describe('masksPersonalData', () => {
  it('masks for the wall display only', () => {
    expect(masksPersonalData('wall')).toBe(true);
    for (const role of ['operator', 'planner', 'admin', 'worker'] as const) expect(masksPersonalData(role)).toBe(false);
    expect(masksPersonalData(undefined)).toBe(false);
  });
});

describe('maskPhonesInGeoJson', () => {
  it('masks the phone of every feature and keeps everything else', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: null, properties: { code: 'G1', worker_phone: '13812345678' } },
        { type: 'Feature', geometry: null, properties: { code: 'G2', worker_phone: null } },
      ],
    };
    const out = JSON.parse(maskPhonesInGeoJson(JSON.stringify(fc)));
    expect(out.features.map((f: { properties: object }) => f.properties)).toEqual([
      { code: 'G1', worker_phone: '138****5678' },
      { code: 'G2', worker_phone: null },
    ]);
    const one = JSON.parse(maskPhonesInGeoJson(JSON.stringify(fc.features[0])));
    expect(one.properties.worker_phone).toBe('138****5678');
  });
});
