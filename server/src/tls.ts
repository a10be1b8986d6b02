/**
 * HTTPS for `npm start`: the certificate and key files (PEM) read and checked at start, so that a
 * missing file or a key of another certificate stops the server with a sentence instead of a
 * handshake failure later; and the plain-HTTP listener that only redirects to https.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

function readPem(variable: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new Error(`${variable}: cannot read ${file} (${why})`, { cause: err });
  }
}

/** Reads both files and checks that the key belongs to the certificate; throws with the reason. */
export function readTlsFiles(certFile: string, keyFile: string): TlsFiles {
  const cert = readPem('GRIDBOARD_TLS_CERT', certFile);
  const key = readPem('GRIDBOARD_TLS_KEY', keyFile);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new Error(`GRIDBOARD_TLS_CERT: ${certFile} is not a PEM certificate`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new Error(`GRIDBOARD_TLS_KEY: ${keyFile} is not a PEM private key (or it is encrypted)`);
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new Error(`GRIDBOARD_TLS_KEY: ${keyFile} is not the key of the certificate in ${certFile}`);
  }
  return { cert, key };
}

/**
 * A plain-HTTP server that sends every request to the same host, path and query over https on
 * `httpsPort` (308: the method and body are kept, so a POST is not silently turned into a GET).
 */
export function httpRedirectServer(httpsPort: number): http.Server {
  return http.createServer((req, res) => {
    const host = (req.headers.host ?? 'localhost').replace(/:\d+$/, '');
    const port = httpsPort === 443 ? '' : `:${httpsPort}`;
    res.writeHead(308, { location: `https://${host}${port}${req.url ?? '/'}`, 'content-length': '0' });
    res.end();
  });
}
