/**
 * The project-local PostgreSQL + PostGIS cluster under .data/ that runs when DATABASE_URL is
 * unset. It listens on 127.0.0.1 only, on a free port chosen at first start and kept in its
 * configuration. As root the server runs as the `postgres` OS user, as PostgreSQL requires.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataRoot = path.join(projectRoot, '.data');
const isRoot = process.getuid?.() === 0;

export class ClusterError extends Error {}

function log(msg: string) {
  process.stderr.write(`[db] ${msg}\n`);
}

/** PostgreSQL server versions installed under Debian's layout, newest first. */
function serverVersions(): string[] {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return [];
  return fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
}

function hasPostgis(version: string): boolean {
  return fs.existsSync(`/usr/share/postgresql/${version}/extension/postgis.control`);
}

function hasPgrouting(version: string): boolean {
  return fs.existsSync(`/usr/share/postgresql/${version}/extension/pgrouting.control`);
}

const debian = () => fs.existsSync('/etc/debian_version');

/** Whether `cmd` is an executable on PATH. */
function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, cmd)));
}

/**
 * The real-city importer's tools: GDAL (ogr2ogr, ogrinfo) for a city's layers and osm2pgsql for
 * its OpenStreetMap basemap. The server runs without them (an import then answers that the tool
 * is missing), so a missing tool is installed with apt where we can, the way pgRouting is, and
 * otherwise only named.
 */
let importToolsChecked = false;
export function ensureImportTools(): void {
  if (importToolsChecked) return;
  importToolsChecked = true;
  const need = [...(onPath('ogr2ogr') ? [] : ['gdal-bin']), ...(onPath('osm2pgsql') ? [] : ['osm2pgsql'])];
  if (!need.length) return;
  if (!(debian() && isRoot)) {
    log(`imports of a real city need ${need.join(' and ')} (on Debian/Ubuntu: apt-get install ${need.join(' ')})`);
    return;
  }
  log(`${need.join(' and ')} missing (the real-city importer uses them); installing with apt-get (one time)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...need], { stdio: 'inherit', env });
  } catch {
    log(`could not install ${need.join(' ')}: imports of a real city will say so until they are installed`);
  }
}

/** Finds a PostgreSQL bin directory whose server has PostGIS, installing it with apt when we can. */
export function ensurePostgisInstalled(): string {
  ensureImportTools();
  let found = serverVersions().find(hasPostgis);
  if (found && hasPgrouting(found)) return `/usr/lib/postgresql/${found}/bin`;
  if (found && debian() && isRoot) {
    // Patrol response routes on the street network with pgRouting, packaged per server version.
    log('pgRouting is missing; installing it with apt-get (one time)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', `postgresql-${found}-pgrouting`], { stdio: 'inherit', env });
    return `/usr/lib/postgresql/${found}/bin`;
  }
  if (found)
    throw new ClusterError(
      `pgRouting is not installed for PostgreSQL ${found}: apt-get install postgresql-${found}-pgrouting`,
    );
  if (!(debian() && isRoot)) {
    throw new ClusterError(
      'PostgreSQL with PostGIS is not installed: install PostgreSQL 15+ and PostGIS 3 (on Debian/Ubuntu: apt-get install postgresql postgis), or set DATABASE_URL to a server that has PostGIS.',
    );
  }
  log('PostGIS is missing; installing postgresql and postgis with apt-get (one time)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql', 'postgis'], { stdio: 'inherit', env });
  found = serverVersions().find(hasPostgis);
  if (!found) throw new ClusterError('apt-get installed PostgreSQL but no PostGIS extension was found for it.');
  execFileSync('apt-get', ['install', '-y', '-qq', `postgresql-${found}-pgrouting`], { stdio: 'inherit', env });
  return `/usr/lib/postgresql/${found}/bin`;
}

/**
 * Where the cluster lives. Normally .data/pg; as root, when the `postgres` user cannot reach
 * the project folder (e.g. a checkout under a private temp directory), the cluster is kept in
 * /var/lib/gridboard/<hash of the project path> instead and .data/pg-location records it.
 */
function clusterDir(): string {
  fs.mkdirSync(dataRoot, { recursive: true });
  const local = path.join(dataRoot, 'pg');
  if (!isRoot) return local;
  const reachable = spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dataRoot]).status === 0;
  if (reachable) return local;
  const hash = createHash('sha1').update(projectRoot).digest('hex').slice(0, 12);
  const dir = `/var/lib/gridboard/${hash}/pg`;
  fs.writeFileSync(path.join(dataRoot, 'pg-location'), dir + '\n');
  return dir;
}

function runAsOwner(bin: string, args: string[], opts: { capture?: boolean } = {}) {
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const res = spawnSync(cmd, argv, { encoding: 'utf8', stdio: opts.capture ? 'pipe' : ['ignore', 'pipe', 'pipe'] });
  return res;
}

function freePort(start: number): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(freePort(start + 1)));
    srv.listen(start, '127.0.0.1', () => srv.close(() => resolve(start)));
  });
}

function readPort(dir: string): number | null {
  const conf = path.join(dir, 'gridboard.conf');
  if (!fs.existsSync(conf)) return null;
  const m = /^port\s*=\s*(\d+)/m.exec(fs.readFileSync(conf, 'utf8'));
  return m ? Number(m[1]) : null;
}

function writeConf(dir: string, port: number) {
  // Sized for a 2-core, 24 GiB machine; durable (fsync stays on: nothing acknowledged is lost).
  const conf = [
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = ''`,
    `max_connections = 200`,
    `shared_buffers = 1GB`,
    `work_mem = 32MB`,
    `maintenance_work_mem = 512MB`,
    `max_wal_size = 4GB`,
    `checkpoint_timeout = 15min`,
    `effective_cache_size = 8GB`,
    `random_page_cost = 1.1`,
    `jit = off`,
    `log_min_messages = warning`,
    `timezone = 'UTC'`,
    '',
  ].join('\n');
  const file = path.join(dir, 'gridboard.conf');
  fs.writeFileSync(file, conf);
  if (isRoot) execFileSync('chown', ['postgres:postgres', file]);
}

function isRunning(bin: string, dir: string): boolean {
  if (!fs.existsSync(path.join(dir, 'postmaster.pid'))) return false;
  return runAsOwner(path.join(bin, 'pg_ctl'), ['-D', dir, 'status']).status === 0;
}

export interface ClusterInfo {
  port: number;
  dir: string;
}

/** Initialises (first time) and starts the local cluster; returns its port. Idempotent. */
export async function startCluster(): Promise<ClusterInfo> {
  const bin = ensurePostgisInstalled();
  const dir = clusterDir();
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    log(`initialising a PostgreSQL cluster in ${dir}`);
    fs.mkdirSync(dir, { recursive: true });
    if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', path.dirname(dir)]);
    const res = runAsOwner(path.join(bin, 'initdb'), [
      '-D',
      dir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    if (res.status !== 0) throw new ClusterError(`initdb failed: ${res.stderr}`);
    fs.appendFileSync(path.join(dir, 'postgresql.conf'), "\ninclude_if_exists = 'gridboard.conf'\n");
    writeConf(dir, await freePort(54329));
  }
  let port = readPort(dir) ?? (await freePort(54329));
  if (isRunning(bin, dir)) return { port, dir };
  // The port we used last time may have been taken by something else meanwhile.
  if ((await freePort(port)) !== port) {
    port = await freePort(port + 1);
    writeConf(dir, port);
  }
  const logFile = path.join(isRoot ? path.dirname(dir) : dataRoot, 'postgres.log');
  const res = runAsOwner(path.join(bin, 'pg_ctl'), ['-D', dir, '-l', logFile, '-w', '-t', '60', 'start']);
  if (res.status !== 0) {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
    throw new ClusterError(`PostgreSQL did not start:\n${res.stderr}\n${tail}`);
  }
  log(`PostgreSQL is running on 127.0.0.1:${port}`);
  return { port, dir };
}

export function stopCluster(mode: 'fast' | 'immediate' = 'fast'): boolean {
  const bin = ensurePostgisInstalled();
  const dir = clusterDir();
  if (!isRunning(bin, dir)) return false;
  const res = runAsOwner(path.join(bin, 'pg_ctl'), ['-D', dir, '-m', mode, '-w', 'stop']);
  return res.status === 0;
}

/**
 * A throw-away cluster in its own folder, for tests that stop and restart PostgreSQL without
 * disturbing the shared one (`pg_ctl stop -m immediate` is a crash as far as clients can tell).
 */
export class ScratchCluster {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
  ) {}

  static async create(name: string): Promise<ScratchCluster> {
    const bin = ensurePostgisInstalled();
    const base = fs.mkdtempSync(path.join('/tmp', `gridboard-${name}-`));
    fs.chmodSync(base, 0o755);
    const dir = path.join(base, 'pg');
    fs.mkdirSync(dir);
    if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', base]);
    const res = runAsOwner(path.join(bin, 'initdb'), [
      '-D',
      dir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    if (res.status !== 0) throw new ClusterError(`initdb failed: ${res.stderr}`);
    fs.appendFileSync(path.join(dir, 'postgresql.conf'), "\ninclude_if_exists = 'gridboard.conf'\n");
    const port = await freePort(55000 + Math.floor(Math.random() * 5000));
    writeConf(dir, port);
    // A small cluster: tests need little memory.
    fs.appendFileSync(path.join(dir, 'gridboard.conf'), 'shared_buffers = 128MB\nmax_connections = 100\n');
    const cluster = new ScratchCluster(dir, port, bin);
    cluster.start();
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/gridboard`;
  }

  start() {
    const res = runAsOwner(path.join(this.bin, 'pg_ctl'), [
      '-D',
      this.dir,
      '-l',
      path.join(path.dirname(this.dir), 'postgres.log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
    if (res.status !== 0) throw new ClusterError(`PostgreSQL did not start: ${res.stderr}`);
  }

  stop(mode: 'fast' | 'immediate' = 'fast') {
    runAsOwner(path.join(this.bin, 'pg_ctl'), ['-D', this.dir, '-m', mode, '-w', 'stop']);
  }

  destroy() {
    this.stop('immediate');
    fs.rmSync(path.dirname(this.dir), { recursive: true, force: true });
  }
}

/** Port of the local cluster if it has been initialised, without starting it. */
export function localClusterPort(): number | null {
  const dir = clusterDir();
  return readPort(dir);
}
