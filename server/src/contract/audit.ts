/** The audit trail over HTTP (admins only): search, export, verify. */
import { Type, type Static } from 'typebox';

/** What an audit row records (README "Audit trail"). */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'write',
  'import',
  'export',
  'role_change',
  'wall_token',
  'retention',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Json = Type.Unknown();

// The exports stream their rows, so a filter the database would refuse (a NUL character) must be
// refused before the first byte leaves.
const NO_NUL = '^[^\\u0000]*$';

export const AuditFilters = {
  from: Type.Optional(Type.String({ format: 'date-time', description: 'at or after (ISO 8601)' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'before (ISO 8601)' })),
  user: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, pattern: NO_NUL, description: 'the username (exact, any case)' }),
  ),
  action: Type.Optional(Type.Enum(AUDIT_ACTIONS)),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: NO_NUL,
      description: 'text anywhere: address, route, ids, detail',
    }),
  ),
};

export const AuditQuery = Type.Object(
  {
    ...AuditFilters,
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    before_seq: Type.Optional(Type.Integer({ minimum: 1, description: 'the next page: rows older than this seq' })),
  },
  { additionalProperties: false },
);
export type AuditQueryT = Static<typeof AuditQuery>;

export const AuditExportQuery = Type.Object(AuditFilters, { additionalProperties: false });

export const AuditRowSchema = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor_id: Type.Union([Type.Integer(), Type.Null()]),
  actor: Nullable(Type.String()),
  role: Nullable(Type.String()),
  session_id: Nullable(Type.String()),
  ip: Nullable(Type.String({ description: 'the client address (behind a proxy: as trusted by the server)' })),
  user_agent: Nullable(Type.String()),
  action: Type.String(),
  method: Type.String(),
  route: Type.String({ description: 'the route pattern, e.g. POST /api/grids/{id}/split' }),
  target_kind: Nullable(Type.String()),
  target_ids: Type.Array(Type.Union([Type.String(), Type.Number()])),
  status: Type.Integer(),
  before: Json,
  after: Json,
  detail: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String(),
});

export const AuditPage = Type.Object({
  items: Type.Array(AuditRowSchema),
  total: Type.Integer({ description: 'rows matching the filters, all pages' }),
  next_before_seq: Type.Union([Type.Integer(), Type.Null()], { description: 'before_seq for the next page' }),
});

export const ChainStatusSchema = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer({ description: 'rows checked (up to the break)' }),
  first_broken_seq: Type.Union([Type.Integer(), Type.Null()], {
    description: 'the first row that does not hold: edited, or the one after a deleted row',
  }),
});

export type AuditRowT = Static<typeof AuditRowSchema>;
export type AuditPageT = Static<typeof AuditPage>;
export type ChainStatusT = Static<typeof ChainStatusSchema>;
