/**
 * The server's log options: no line may carry a secret. Tokens travel in addresses (a wall link
 * /wall?token=…, ?access_token=, an Open311 ?api_key=), in Authorization headers and in
 * sign-in bodies; a log is read by more people than the accounts it would open. Three layers:
 * the `req` serializer logs the address with those values replaced; pino `redact` blanks
 * credentials wherever a log call names them; and every finished line is scrubbed once more
 * (Fastify's own messages, "Route GET:/x?token=… not found", and error texts quote addresses).
 */
import type { FastifyServerOptions } from 'fastify';

const QUERY_SECRET = /\b((?:access_)?token|api_?key|password)=[^&\s"'#\\]*/gi;
const BEARER = /\b(Bearer)\s+[\w.~+/=-]+/gi;
// A JWT anywhere (three base64url parts, the first starting with {" encoded).
const JWT = /\beyJ[\w-]*\.[\w-]+\.[\w-]+/g;

/** `text` with every token-like value replaced by [redacted]. */
export function redactSecrets(text: string): string {
  return text.replace(QUERY_SECRET, '$1=[redacted]').replace(BEARER, '$1 [redacted]').replace(JWT, '[redacted]');
}

interface LogStream {
  write(line: string): unknown;
}

/** The request as a log line shows it: no headers, the address without secrets. */
function req(request: { method?: string; url?: string; ip?: string; socket?: { remotePort?: number } }) {
  return {
    method: request.method,
    url: request.url === undefined ? undefined : redactSecrets(request.url),
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

const CREDENTIAL_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'token',
  'password',
  'current',
  'new',
  '*.token',
  '*.password',
  '*.current',
  '*.new',
  'body.password',
  'body.current',
  'body.new',
  'body.token',
];

/** Logger options for Fastify at `level`, writing scrubbed lines to `destination` (stdout by default). */
export function loggerOptions(level: string, destination: LogStream = process.stdout): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: CREDENTIAL_PATHS, censor: '[redacted]' },
    serializers: { req },
    stream: { write: (line: string) => destination.write(redactSecrets(line)) },
  };
}
