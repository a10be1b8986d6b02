/**
 * Photos are shrunk on the phone before they wait in the outbox: a 12-megapixel picture is 4–8 MB,
 * too much for a weak signal and a day's data plan. The long edge goes to 1600 px, JPEG at 0.82
 * (about 300–600 KB), and the EXIF (time, GPS, camera) is carried over so that the server can
 * still check where and when the photo was taken. A photo the browser cannot decode (HEIC on
 * some phones) is kept as it is: the server converts it or says why not.
 */
import { transplantExif } from './exif-transplant';

const MAX_EDGE = 1600;
const QUALITY = 0.82;
/** A JPEG already this small and no larger than MAX_EDGE is sent untouched. */
const SMALL_ENOUGH = 900 * 1024;

export const MAX_PHOTOS = 9;

async function toJpeg(bitmap: ImageBitmap, width: number, height: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode failed'))), 'image/jpeg', QUALITY),
  );
}

export async function compressPhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.type === 'image/jpeg' && file.size <= SMALL_ENOUGH) return file;
    const w = Math.max(1, Math.round(bitmap.width * scale));
    const h = Math.max(1, Math.round(bitmap.height * scale));
    const resized = await toJpeg(bitmap, w, h);
    if (file.type !== 'image/jpeg') return resized;
    const out = transplantExif(new Uint8Array(await file.arrayBuffer()), new Uint8Array(await resized.arrayBuffer()));
    return new Blob([out as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' });
  } finally {
    bitmap.close();
  }
}
