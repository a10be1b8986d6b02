/**
 * Load gauges for a `live-fanout` run: the server process's and the machine's CPU (from /proc)
 * and the server's pool connections in pg_stat_activity.
 */
import fs from 'node:fs';
import pg from 'pg';
import { now, sleep } from './live-fanout-shared.ts';

/** CPU time (ms) used so far by a process, from /proc (Linux); NaN elsewhere. */
function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, at USER_HZ = 100
  } catch {
    return NaN;
  }
}

/** Whole-machine [busy, total] jiffies, from /proc/stat. */
function machineJiffies(): [number, number] {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = cpu.reduce((s, v) => s + v, 0);
    return [total - cpu[3] - (cpu[4] ?? 0), total];
  } catch {
    return [NaN, NaN];
  }
}

export function cpuMeter(pid?: number) {
  const t0 = now();
  const p0 = pid ? processCpuMs(pid) : NaN;
  const [b0, a0] = machineJiffies();
  return () => {
    const wall = now() - t0;
    const [b1, a1] = machineJiffies();
    return {
      process: pid ? (100 * (processCpuMs(pid) - p0)) / wall : NaN, // % of one core
      machine: (100 * (b1 - b0)) / (a1 - a0), // % of all cores
    };
  };
}

/**
 * Samples the server's pool connections in pg_stat_activity every 50 ms: how many are in use
 * (not idle; the pool has 16, one held by the socket.io adapter) and how many wait for the
 * outbox's advisory lock.
 */
export async function activitySampler(databaseUrl: string) {
  const c = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-live-fanout-sampler' });
  await c.connect();
  let stop = false;
  let n = 0;
  let busy = 0;
  let busyMax = 0;
  let lock = 0;
  const loop = (async () => {
    while (!stop) {
      const {
        rows: [r],
      } = await c.query<{ busy: number; lock: number }>(
        `SELECT count(*) FILTER (WHERE state <> 'idle')::int busy,
                count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event = 'advisory')::int lock
         FROM pg_stat_activity WHERE application_name = 'gridboard' AND datname = current_database()`,
      );
      n++;
      busy += r.busy;
      lock += r.lock;
      busyMax = Math.max(busyMax, r.busy);
      await sleep(50);
    }
  })();
  return async () => {
    stop = true;
    await loop;
    await c.end();
    return { busyAvg: busy / n, busyMax, lockAvg: lock / n };
  };
}
