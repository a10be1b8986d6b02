import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { createUser } from '../../server/src/repos/users.ts';
import { startServerProcess } from '../lib/server-process.ts';
const url = 'postgres://postgres@127.0.0.1:54329/gridboard_bench_small';
const db = new pg.Client({ connectionString: url }); await db.connect();
const u = { username: `bench-probe-${process.pid}`, password: 'probe-password-123' };
await createUser(db, u.username, 'operator', u.password);
const { rows: pts } = await db.query(`SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_PointOnSurface(geom) p FROM grids ORDER BY md5(id::text) LIMIT 200) s`);
const s = await startServerProcess(url, { quiet: true });
const tok = (await (await fetch(`${s.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(u) })).json()).token;
const ids: string[] = [];
const lat: number[] = [];
{
  const lat2: Promise<number>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < 150; i++) {
    const w = t0 + i * 20 - performance.now(); if (w > 0) await new Promise((r) => setTimeout(r, w));
    const p = pts[(i + 60) % pts.length]; const id = randomUUID(); ids.push(id);
    const t = performance.now();
    lat2.push(fetch(`${s.url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` }, body: JSON.stringify({ id, category: 'facilities', grade: 'routine', description: 'probe', lon: p.lon, lat: p.lat }) }).then(async (r) => { await r.arrayBuffer(); return performance.now() - t; }));
  }
  const l = (await Promise.all(lat2)).sort((a, b) => a - b);
  console.log('open-loop 50/s POST, no listeners: p50', l[75].toFixed(1), 'p99', l[148].toFixed(1));
}
for (let i = 0; i < 60; i++) {
  const p = pts[i % pts.length]; const id = randomUUID(); ids.push(id);
  const t = performance.now();
  const r = await fetch(`${s.url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` }, body: JSON.stringify({ id, category: 'environment', grade: 'routine', description: 'probe', lon: p.lon, lat: p.lat }) });
  const j = await r.json();
  lat.push(performance.now() - t);
  if (i === 0) console.log(r.status, JSON.stringify(j).length, 'dups', j.duplicates?.length);
}
lat.sort((a, b) => a - b);
console.log('sequential POST ms p50', lat[30].toFixed(1), 'p90', lat[54].toFixed(1), 'min', lat[0].toFixed(1));
const p = pts[0];
const ex = await db.query(`EXPLAIN ANALYZE SELECT s.*, 1 FROM incidents i JOIN incident_summaries s ON s.id = i.id WHERE i.closed_at IS NULL AND i.category = 'environment' AND i.reported_at BETWEEN now() - interval '48 hours' AND now() + interval '1 hour' AND ST_DWithin(i.geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 150) LIMIT 10`, [p.lon, p.lat]);
console.log(ex.rows.map((r) => r['QUERY PLAN']).join('\n'));
await s.stop();
await db.query('BEGIN'); await db.query('SET LOCAL session_replication_role = replica');
await db.query(`DELETE FROM events WHERE payload->'incident'->>'id' = ANY($1::text[])`, [ids]);
await db.query('DELETE FROM incident_history WHERE incident_id = ANY($1::uuid[])', [ids]);
await db.query('DELETE FROM incidents WHERE id = ANY($1::uuid[])', [ids]); await db.query('COMMIT');
await db.query('DELETE FROM users WHERE username = $1', [u.username]);
await db.end();
