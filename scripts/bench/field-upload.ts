/**
 * `field-upload`: 50 phones (each its own user: grid workers with their units, the rest
 * operators) send a report with 3 photos at once. Per report, from the first byte sent to the
 * answer of the incident POST (3 × `POST /api/media` — each checked, decoded in full, hashed,
 * stored with its thumbnail before it answers — then `POST /api/incidents` naming them), against
 * writing the same 3 files with fs.writeFile, 50 at once, in the same run. Photos are 1–3 MB
 * JPEGs of noise (so they do not compress away) with EXIF time and GPS. One server process, its
 * media in a temporary data directory. Target: p95 ≤ 2 s per report. Then the same, once, with
 * photos as the phone app really sends them (shrunk to 1600 px on the phone), and one phone alone.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { createUser } from '../../server/src/repos/users.ts';
import { randomPassword } from '../../server/src/auth/password.ts';
import { startServerProcess } from '../lib/server-process.ts';
import { cityPoints, login, removeScratch, type Creds, type Point } from './scratch.ts';
import { percentile, round, type BenchResult } from './stats.ts';

const log = (m: string) => process.stderr.write(`[bench] field-upload: ${m}\n`);
const PHONES = 50;
const PHOTOS = 3;
const TARGET_MS = 2000;

/** EXIF as a phone writes it: local time a minute ago, GPS at the report's place, the device. */
function phoneExif(seed: number, p: Point) {
  const local = new Date(Date.now() + 8 * 3600_000 - 60_000).toISOString();
  const dms = (v: number) =>
    `${Math.floor(v)}/1 ${Math.floor((v % 1) * 60)}/1 ${Math.round((((v % 1) * 60) % 1) * 60000)}/1000`;
  return {
    IFD0: { Make: 'BenchPhone', Model: `P${seed}` },
    IFD2: { DateTimeOriginal: `${local.slice(0, 10).replaceAll('-', ':')} ${local.slice(11, 19)}` },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: dms(p.lat), GPSLongitudeRef: 'E', GPSLongitude: dms(p.lon) },
  };
}

/** A JPEG of noise of about `mb` MB, with EXIF as a phone writes it (local time, GPS). */
async function noisyJpeg(seed: number, p: Point, mb: number): Promise<Buffer> {
  // Uniform noise at quality 80 costs about 0.63 bytes a pixel; scale the picture to the size wanted.
  const pixels = (mb * 1024 * 1024) / 0.63;
  const width = Math.round(Math.sqrt((pixels * 4) / 3));
  const height = Math.round((width * 3) / 4);
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .withExif(phoneExif(seed, p))
    .toBuffer();
}

/**
 * A photo as the phone app sends it: shrunk to 1600 px and JPEG 0.82 on the phone (client/src/field/
 * photos.ts). A scene of smooth shading with grain, as a photo of a street is, not noise: about 0.3–0.5 MB.
 */
async function phoneJpeg(seed: number, p: Point): Promise<Buffer> {
  const [width, height] = [1600, 1200];
  const raw = Buffer.alloc(width * height * 3);
  const grain = randomBytes(width * height);
  for (let y = 0, i = 0; y < height; y++)
    for (let x = 0; x < width; x++, i++) {
      const g = (grain[i] & 31) - 16;
      raw[i * 3] = Math.max(0, Math.min(255, (((x * 255) / width + seed * 37) % 256) + g));
      raw[i * 3 + 1] = Math.max(0, Math.min(255, (y * 255) / height + g));
      raw[i * 3 + 2] = Math.max(0, Math.min(255, 128 + 60 * Math.sin((x + y + seed) / 90) + g));
    }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 82 })
    .withExif(phoneExif(seed, p))
    .toBuffer();
}

interface Form {
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

/** One photo as a phone's form sends it (multipart, one `file` part), built once so the bench's own CPU stays small. */
function multipartBody(bytes: Buffer): Form {
  const boundary = `----gridboard-bench-${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="IMG.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
  return {
    body: new Uint8Array(Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)])),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

async function sendPhoto(base: string, token: string, form: Form): Promise<string> {
  const res = await fetch(`${base}/api/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': form.type },
    body: form.body,
  });
  const body = await res.text();
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST /api/media ${res.status}: ${body}`);
  return (JSON.parse(body) as { id: string }).id;
}

interface Phone {
  creds: Creds;
  token: string;
  point: Point;
  photos: Buffer[];
  forms: Form[];
}

export async function benchFieldUpload(databaseUrl: string, quick: boolean): Promise<BenchResult[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const dataDir = await mkdtemp(join(tmpdir(), 'gridboard-bench-media-'));
  const diskDir = await mkdtemp(join(tmpdir(), 'gridboard-bench-disk-'));
  const users: Creds[] = [];
  const incidentIds: string[] = [];
  const server = await startServerProcess(databaseUrl, {
    quiet: true,
    env: { GRIDBOARD_DATA_DIR: dataDir, GRIDBOARD_LOGIN_RATE: '100000' },
  });
  try {
    // Grid workers for units that have no phone account yet; operators for the rest.
    const { rows: units } = await db.query<{ id: number }>(
      'SELECT id FROM patrol_units WHERE id NOT IN (SELECT unit_id FROM users WHERE unit_id IS NOT NULL) ORDER BY id LIMIT $1',
      [Math.floor(PHONES / 2)],
    );
    const points = await cityPoints(db, PHONES);
    const phones: Phone[] = [];
    const t0 = Date.now();
    for (let i = 0; i < PHONES; i++) {
      const creds = { username: `bench-phone${i}-${process.pid}`, password: randomPassword() };
      const unit = units[i]?.id ?? null;
      await createUser(db, creds.username, unit ? 'worker' : 'operator', creds.password, unit);
      users.push(creds);
      const point = points[i % points.length];
      const photos = [];
      for (let k = 0; k < PHOTOS; k++)
        photos.push(await noisyJpeg(i * PHOTOS + k, point, 1 + ((i * PHOTOS + k) % 5) / 2));
      phones.push({ creds, token: await login(server.url, creds), point, photos, forms: photos.map(multipartBody) });
    }
    const sizes = phones.flatMap((p) => p.photos.map((b) => b.length));
    log(
      `${PHONES} phones (${units.length} workers), ${sizes.length} photos of ${round(Math.min(...sizes) / 1048576, 1)}–` +
        `${round(Math.max(...sizes) / 1048576, 1)} MB made in ${Date.now() - t0} ms`,
    );

    // Baseline: the same bytes written to disk, 50 phones at once.
    const diskMs = await Promise.all(
      phones.map(async (p, i) => {
        const start = performance.now();
        for (let k = 0; k < PHOTOS; k++) await writeFile(join(diskDir, `${i}-${k}.jpg`), p.photos[k]);
        return performance.now() - start;
      }),
    );

    /** One phone's report: its 3 photos in turn (a phone's outbox), then the incident naming them; ms taken. */
    const sendReport = async (p: Phone, i: number): Promise<number> => {
      const start = performance.now();
      const ids: string[] = [];
      for (const form of p.forms) ids.push(await sendPhoto(server.url, p.token, form));
      const id = randomUUID();
      incidentIds.push(id);
      const res = await fetch(`${server.url}/api/incidents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
        body: JSON.stringify({
          id,
          category: 'environment',
          description: `现场照片 ${i}`,
          lon: p.point.lon,
          lat: p.point.lat,
          photos: ids.map((m) => ({ id: m })),
        }),
      });
      await res.text();
      if (res.status !== 201) throw new Error(`POST /api/incidents ${res.status}`);
      return performance.now() - start;
    };
    /** New bytes for every phone (a repeat would be answered from the store without work). */
    const freshPhotos = async (r: number, n = PHONES) => {
      for (const [i, p] of phones.slice(0, n).entries())
        for (let k = 0; k < PHOTOS; k++) {
          p.photos[k] = await noisyJpeg(1000 * r + i * PHOTOS + k, p.point, 1 + ((i * PHOTOS + k) % 5) / 2);
          p.forms[k] = multipartBody(p.photos[k]);
        }
    };

    // The phones, all at once.
    const rounds = quick ? 1 : 3;
    const reportMs: number[] = [];
    let failed = 0;
    let busyMs = 0;
    for (let r = 0; r < rounds; r++) {
      if (r > 0) await freshPhotos(r);
      const started = performance.now();
      const times = await Promise.all(
        phones.map((p, i) =>
          sendReport(p, i).catch((err: Error) => {
            failed++;
            log(`phone ${i}: ${err.message}`);
            return null;
          }),
        ),
      );
      busyMs += performance.now() - started;
      reportMs.push(...times.filter((t): t is number => t !== null));
    }
    // One phone at a time: what a report costs when the server is not shared.
    const ALONE = 10;
    await freshPhotos(rounds, ALONE);
    const aloneMs: number[] = [];
    for (const [i, p] of phones.slice(0, ALONE).entries()) aloneMs.push(await sendReport(p, i));

    // The same 50 phones at once, with photos as the phone app sends them (shrunk on the phone).
    for (const [i, p] of phones.entries())
      for (let k = 0; k < PHOTOS; k++) {
        p.photos[k] = await phoneJpeg(5000 + i * PHOTOS + k, p.point);
        p.forms[k] = multipartBody(p.photos[k]);
      }
    const phoneSizes = phones.flatMap((p) => p.photos.map((b) => b.length));
    const phoneMs = (await Promise.all(phones.map((p, i) => sendReport(p, i).catch(() => (failed++, null))))).filter(
      (t): t is number => t !== null,
    );

    const p95 = percentile(reportMs, 95);
    const base95 = percentile(diskMs, 95);
    const alone95 = percentile(aloneMs, 95);
    const mb = (rounds * sizes.reduce((a, b) => a + b, 0)) / 1048576;
    const throughput = `${round((rounds * PHONES * PHOTOS) / (busyMs / 1000), 1)} photos/s (${round(mb / (busyMs / 1000), 0)} MB/s)`;
    log(
      `50 at once: report p50 ${round(percentile(reportMs, 50), 0)} ms, p95 ${round(p95, 0)} ms, max ${round(Math.max(...reportMs), 0)} ms, ` +
        `${throughput}; fs.writeFile p95 ${round(base95, 0)} ms; alone: p95 ${round(alone95, 0)} ms; ${failed} failed`,
    );
    return [
      {
        name: 'field-upload',
        value: round(p95, 0),
        unit: 'ms',
        baseline: round(base95, 1),
        ratio: round(p95 / base95, 1),
        target: `p95 ≤ ${TARGET_MS} ms per report (3 photos stored with thumbnails + the incident)`,
        note:
          `${PHONES} phones at once × ${rounds} round(s), ${PHOTOS} noise JPEGs each (${round(Math.min(...sizes) / 1048576, 1)}–` +
          `${round(Math.max(...sizes) / 1048576, 1)} MB, EXIF GPS and time), one server process, disk store; ` +
          `p50 ${round(percentile(reportMs, 50), 0)} ms, max ${round(Math.max(...reportMs), 0)} ms, ${throughput}, ${failed} failed; ` +
          `baseline: fs.writeFile of the same 3 files per phone, 50 at once (p95)`,
      },
      {
        name: 'field-upload-phone',
        value: round(percentile(phoneMs, 95), 0),
        unit: 'ms',
        target: `p95 ≤ ${TARGET_MS} ms per report`,
        note:
          `${PHONES} phones at once, ${PHOTOS} photos each as /m sends them (1600 px, JPEG 0.82: ` +
          `${round(Math.min(...phoneSizes) / 1048576, 2)}–${round(Math.max(...phoneSizes) / 1048576, 2)} MB); ` +
          `p50 ${round(percentile(phoneMs, 50), 0)} ms`,
      },
      {
        name: 'field-upload-alone',
        value: round(alone95, 0),
        unit: 'ms',
        target: `p95 ≤ ${TARGET_MS} ms per report`,
        note: `${ALONE} reports one after another (3 photos + the incident each), nothing else on the server`,
      },
    ];
  } finally {
    await server.stop();
    await db.query('DELETE FROM media WHERE uploaded_by IN (SELECT id FROM users WHERE username = ANY($1))', [
      users.map((u) => u.username),
    ]);
    await removeScratch(db, incidentIds, users, log);
    await db.end();
    await rm(dataDir, { recursive: true, force: true });
    await rm(diskDir, { recursive: true, force: true });
  }
}
