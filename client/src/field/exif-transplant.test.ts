import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exifSegment, transplantExif } from './exif-transplant';

async function photoWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a6' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Huawei', Model: 'P60', Orientation: '6' },
      IFD2: { DateTimeOriginal: '2026:11:30 09:15:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 9/1 0/1' },
    })
    .toBuffer();
}

describe('keeping EXIF through the phone’s resize', () => {
  it('copies time, place and camera into the resized JPEG, upright', async () => {
    const original = await photoWithExif();
    const before = await exifr.parse(original, { gps: true });
    expect(before.Make).toBe('Huawei');
    expect(before.Orientation).toBeDefined();
    const resized = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    expect(exifSegment(new Uint8Array(resized))).toBeNull();
    const out = Buffer.from(transplantExif(new Uint8Array(original), new Uint8Array(resized)));
    const after = await exifr.parse(out, { gps: true, translateValues: false });
    expect(after.Make).toBe('Huawei');
    expect(after.Orientation).toBe(1);
    expect(after.latitude).toBeCloseTo(30.25, 3);
    expect(after.longitude).toBeCloseTo(120.15, 3);
    expect(after.DateTimeOriginal).toBeInstanceOf(Date);
    // Still a JPEG that decodes, at the resized size.
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height]).toEqual([32, 24]);
  });

  it('leaves a photo without EXIF as it is', async () => {
    const plain = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const resized = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
    expect(transplantExif(new Uint8Array(plain), resized)).toBe(resized);
  });
});
