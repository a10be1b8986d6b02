/**
 * HTTPS as `npm start` serves it with GRIDBOARD_TLS_CERT/KEY: a self-signed certificate made with
 * openssl, the real server process (server/src/main.ts) on this file's database, the API and the
 * live socket over https, HSTS there only, and plain HTTP redirected with path and query kept. A
 * missing file or a key of another certificate stops the start with a sentence.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig, ConfigError } from '../../server/src/config.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridboard-tls-'));
const certFile = path.join(dir, 'cert.pem');
const keyFile = path.join(dir, 'key.pem');
let child: ChildProcess | null = null;
let base = '';
let redirectPort = 0;
let ca: Buffer;

function selfSigned(cert: string, key: string) {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=gridboard.test',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' }); // prettier-ignore
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function get(url: string, opts: https.RequestOptions = {}) {
  const lib = url.startsWith('https:') ? https : http;
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    lib
      .get(url, { ca, ...opts }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  selfSigned(certFile, keyFile);
  ca = fs.readFileSync(certFile);
  redirectPort = await freePort();
  child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: testDatabaseUrl(),
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      GRIDBOARD_TLS_CERT: certFile,
      GRIDBOARD_TLS_KEY: keyFile,
      GRIDBOARD_HTTP_REDIRECT_PORT: String(redirectPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  base = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /listening at (https:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', (d) => (output += d.toString()));
    child!.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.removeAllListeners('exit');
    await new Promise((resolve) => {
      child!.once('exit', resolve);
      child!.kill('SIGTERM');
    });
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('HTTPS with GRIDBOARD_TLS_CERT and GRIDBOARD_TLS_KEY', () => {
  it('answers over https, trusted through the certificate, with HSTS', async () => {
    expect(base).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const res = await get(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    // Without the certificate's CA a client refuses the connection: it really is TLS with this certificate.
    await expect(get(`${base}/api/health`, { ca: undefined })).rejects.toThrow(/self[- ]signed/i);
  });

  it('redirects plain HTTP to https, keeping path and query, without HSTS', async () => {
    const res = await get(`http://127.0.0.1:${redirectPort}/api/incidents?status=new&limit=5`);
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe(`${base}/api/incidents?status=new&limit=5`);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('carries the live socket over https', async () => {
    const login = await new Promise<string>((resolve, reject) => {
      const req = https.request(
        `${base}/api/auth/login`,
        { method: 'POST', ca, headers: { 'content-type': 'application/json' } },
        (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve(JSON.parse(body).token));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(inject('users').operator));
    });
    const socket = io(base, {
      transports: ['websocket'],
      auth: { token: login },
      ca: ca.toString(),
      reconnection: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      expect(socket.connected).toBe(true);
    } finally {
      socket.close();
    }
  });
});

describe('TLS files checked at start', () => {
  it('names a missing file, a key of another certificate, and half a pair', () => {
    const other = path.join(dir, 'other');
    fs.mkdirSync(other);
    selfSigned(path.join(other, 'cert.pem'), path.join(other, 'key.pem'));
    const problem = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      return null;
    };
    expect(problem({ GRIDBOARD_TLS_CERT: path.join(dir, 'nope.pem'), GRIDBOARD_TLS_KEY: keyFile })).toMatch(
      /GRIDBOARD_TLS_CERT: cannot read .*nope\.pem \(no such file\)/,
    );
    expect(problem({ GRIDBOARD_TLS_CERT: certFile, GRIDBOARD_TLS_KEY: path.join(other, 'key.pem') })).toMatch(
      /GRIDBOARD_TLS_KEY: .*is not the key of the certificate/,
    );
    expect(problem({ GRIDBOARD_TLS_CERT: certFile })).toMatch(/go together/);
    expect(problem({ GRIDBOARD_HTTP_REDIRECT_PORT: '8081' })).toMatch(/needs GRIDBOARD_TLS_CERT/);
    expect(problem({ GRIDBOARD_TLS_CERT: certFile, GRIDBOARD_TLS_KEY: keyFile })).toBeNull();
  });
});
