/**
 * Runs the server (server/src/main.ts) in a child process: benchmarks keep load generation off
 * its event loop, and reliability tests can kill it for real.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from './cluster.ts';

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  /** Graceful stop (SIGTERM); resolves when the process has exited. */
  stop(): Promise<void>;
  /** Immediate death (SIGKILL), as a crash or `kill -9`. */
  kill(): Promise<void>;
}

export function startServerProcess(
  databaseUrl: string,
  opts: { port?: number; env?: Record<string, string>; quiet?: boolean } = {},
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'server/src/main.ts')],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(opts.port ?? 0),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', opts.quiet ? 'ignore' : 'inherit'],
    },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString();
      const m = /gridboard listening at (http:\/\/127\.0\.0\.1:(\d+))/.exec(buf);
      if (!m) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume(); // keep draining the log so the child never blocks on a full pipe
      child.removeListener('exit', onEarlyExit);
      resolve({
        url: m[1],
        port: Number(m[2]),
        pid: child.pid!,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    };
    const onEarlyExit = (code: number | null) =>
      reject(new Error(`server exited early (${code}): ${buf.slice(-2000)}`));
    child.stdout!.on('data', onData);
    child.once('exit', onEarlyExit);
  });
}
