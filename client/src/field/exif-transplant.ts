/**
 * Keeps a photo's EXIF (time taken, GPS, camera) when the phone shrinks it before upload: the
 * canvas that resizes it writes a bare JPEG, and the server needs the tags to flag a photo taken
 * far away or hours before the report. The original's APP1 "Exif" segment is copied into the
 * new JPEG, with the orientation set to upright (the canvas has already turned the pixels).
 * Pure byte work on Uint8Arrays; nothing else of the file is touched.
 */

const SOI = 0xd8;
const APP0 = 0xe0;
const APP1 = 0xe1;
const SOS = 0xda;
const ORIENTATION_TAG = 0x0112;

function isExif(jpeg: Uint8Array, dataStart: number): boolean {
  const sig = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"
  return sig.every((b, i) => jpeg[dataStart + i] === b);
}

/** The APP1 Exif segment of a JPEG (from its FF E1 marker to its end), or null when it has none. */
export function exifSegment(jpeg: Uint8Array): Uint8Array | null {
  if (jpeg[0] !== 0xff || jpeg[1] !== SOI) return null;
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1];
    if (marker === SOS) return null;
    const len = (jpeg[i + 2] << 8) | jpeg[i + 3];
    if (len < 2 || i + 2 + len > jpeg.length) return null;
    if (marker === APP1 && isExif(jpeg, i + 4)) return jpeg.slice(i, i + 2 + len);
    i += 2 + len;
  }
  return null;
}

/** A copy of an APP1 Exif segment whose IFD0 orientation (if any) reads 1, upright. */
export function uprightExif(segment: Uint8Array): Uint8Array {
  const seg = segment.slice();
  const tiff = 4 + 6; // marker + length, then "Exif\0\0"
  const little = seg[tiff] === 0x49; // "II" little-endian, "MM" big-endian
  const view = new DataView(seg.buffer, seg.byteOffset, seg.byteLength);
  if (tiff + 8 > seg.length) return seg;
  const ifd0 = tiff + view.getUint32(tiff + 4, little);
  if (ifd0 + 2 > seg.length) return seg;
  const count = view.getUint16(ifd0, little);
  for (let e = 0; e < count; e++) {
    const at = ifd0 + 2 + e * 12;
    if (at + 12 > seg.length) break;
    if (view.getUint16(at, little) === ORIENTATION_TAG) view.setUint16(at + 8, 1, little);
  }
  return seg;
}

/** `jpeg` with `segment` inserted after its start (and after a JFIF APP0, where viewers expect it). */
export function withSegment(jpeg: Uint8Array, segment: Uint8Array): Uint8Array {
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === APP0) at = 4 + ((jpeg[4] << 8) | jpeg[5]);
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, at), 0);
  out.set(segment, at);
  out.set(jpeg.subarray(at), at + segment.length);
  return out;
}

/** The resized JPEG carrying the original's EXIF, upright; the resized one as it is when there is none. */
export function transplantExif(original: Uint8Array, resized: Uint8Array): Uint8Array {
  const seg = exifSegment(original);
  return seg ? withSegment(resized, uprightExif(seg)) : resized;
}
