/**
 * The bench's handle on the client process (scripts/bench/fanout-clients.ts) of the
 * `live-fanout` benchmark: spawns it, talks line-delimited JSON with it, and reads back its
 * per-run latency report.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot } from '../lib/cluster.ts';
import { now, sleep } from './live-fanout-shared.ts';

export interface Report {
  type: 'report';
  clients: number;
  samples: number;
  missing: number;
  clientsMissing: number;
  duplicates: number;
  extra: number;
  disconnected: number;
  hist: Array<[number, number]>;
  first: number[];
  last: number[];
  cpuMs: number;
  wallMs: number;
}

export class ClientProcess {
  private waiting: Array<(m: Record<string, unknown>) => void> = [];
  private stderr = '';
  private exited: Promise<void>;

  private constructor(private child: ChildProcess) {
    this.exited = new Promise((r) => child.once('exit', () => r()));
    child.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(line);
      } catch {
        return; // not ours (a stray log line)
      }
      this.waiting.shift()?.(msg);
    });
    child.once('exit', (code) => {
      const err = { type: 'exit', code, stderr: this.stderr };
      for (const w of this.waiting.splice(0)) w(err);
    });
  }

  private next(): Promise<Record<string, unknown>> {
    return new Promise((r) => this.waiting.push(r));
  }

  /** Spawns the process and waits until it has opened its connections (or given up). */
  static async start(mode: 'sio' | 'ws', url: string, clients: number, token = '') {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(projectRoot, 'scripts/bench/fanout-clients.ts'),
        '--mode',
        mode,
        '--url',
        url,
        '--token',
        token,
        '--clients',
        String(clients),
      ],
      { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const proc = new ClientProcess(child);
    const ready = (await proc.next()) as {
      type: string;
      connected?: number;
      failed?: number;
      error?: string;
      stderr?: string;
    };
    if (ready.type !== 'ready') throw new Error(`client process exited before connecting: ${ready.stderr ?? ''}`);
    return { proc, connected: ready.connected!, failed: ready.failed!, error: ready.error };
  }

  async ask<T = Record<string, unknown>>(cmd: object): Promise<T> {
    const reply = this.next();
    this.child.stdin!.write(JSON.stringify(cmd) + '\n');
    const msg = await reply;
    if (msg.type === 'exit') throw new Error(`client process exited: ${String(msg.stderr)}`);
    return msg as T;
  }

  /** Offset of the client process's clock from ours (ms), from the round trip with the smallest RTT. */
  async clockOffset(): Promise<{ offset: number; rtt: number }> {
    let best = { offset: 0, rtt: Infinity };
    for (let i = 0; i < 7; i++) {
      const t0 = now();
      const { now: tc } = await this.ask<{ now: number }>({ cmd: 'clock' });
      const t1 = now();
      if (t1 - t0 < best.rtt) best = { offset: tc - (t0 + t1) / 2, rtt: t1 - t0 };
    }
    return best;
  }

  /** Waits until every client has every one of `seqs`, or nothing more arrives for 3 s. */
  async drain(seqs: number[], clients: number, maxMs = 30_000): Promise<void> {
    await this.ask({ cmd: 'expect', seqs });
    const end = Date.now() + maxMs;
    let last = -1;
    let still = Date.now();
    for (;;) {
      const { expected: received } = await this.ask<{ expected: number }>({ cmd: 'progress' });
      if (received >= seqs.length * clients || Date.now() > end) return;
      if (received !== last) {
        last = received;
        still = Date.now();
      } else if (Date.now() - still > 3000) return;
      await sleep(100);
    }
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.stdin!.write(JSON.stringify({ cmd: 'close' }) + '\n');
      const t = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(t);
    }
  }
}
