/**
 * Security headers on every answer (helmet): a Content-Security-Policy that the built pages and
 * Swagger UI satisfy (no inline script anywhere), nosniff, no Referer leaving the product, no
 * framing, and HSTS only when the server itself speaks TLS (over plain HTTP it would be ignored at
 * best, and would pin browsers to an https that does not exist at worst).
 */
import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

export interface SecurityHeadersOptions {
  /** The server answers over TLS: send Strict-Transport-Security. */
  tls: boolean;
  /** Origins allowed to embed the wall (/wall) in a frame; empty: no page may be framed. */
  frameAncestors: string[];
}

/** The one policy every page and the API share; `frame-ancestors` differs for an embeddable wall. */
export function contentSecurityPolicy(frameAncestors: string[] = []): string {
  const directives: Record<string, string> = {
    'default-src': "'self'",
    'script-src': "'self'",
    'script-src-attr': "'none'",
    // Inline *styles* only: MapLibre, deck.gl and Swagger UI set element styles; no script can run from them.
    'style-src': "'self' 'unsafe-inline'",
    'img-src': "'self' data: blob:",
    'font-src': "'self' data:",
    // 'self' covers the same-origin ws:/wss: of the live socket in CSP Level 3 browsers.
    'connect-src': "'self'",
    // MapLibre starts its workers from blob: URLs.
    'worker-src': "'self' blob:",
    'manifest-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'self'",
    'form-action': "'self'",
    'frame-ancestors': frameAncestors.length ? frameAncestors.join(' ') : "'none'",
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

export default fp<SecurityHeadersOptions>(
  async (app, opts) => {
    await app.register(helmet, {
      global: true,
      // Set below from contentSecurityPolicy(), so that the wall can get its own frame-ancestors.
      contentSecurityPolicy: false,
      // Same-origin only by default; the product loads nothing from elsewhere.
      crossOriginEmbedderPolicy: false,
      hsts: opts.tls ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
      referrerPolicy: { policy: 'no-referrer' },
      frameguard: { action: 'deny' },
    });
    const everywhere = contentSecurityPolicy();
    const wall = contentSecurityPolicy(opts.frameAncestors);
    app.addHook('onSend', async (request, reply) => {
      const path = request.url.split('?')[0];
      if (opts.frameAncestors.length && (path === '/wall' || path === '/wall/')) {
        // X-Frame-Options cannot name origins; frame-ancestors does, and wins where both are known.
        reply.removeHeader('x-frame-options');
        reply.header('content-security-policy', wall);
      } else {
        reply.header('content-security-policy', everywhere);
      }
    });
  },
  { name: 'security-headers' },
);
