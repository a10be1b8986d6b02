import { Type, type Static } from 'typebox';
import { ROLES, type Role } from './vocabulary.ts';

export const RoleSchema = Type.Enum(ROLES);

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginBodyT = Static<typeof LoginBody>;

export const LoginReply = Type.Object({
  token: Type.String({ description: 'Send as `Authorization: Bearer <token>`; also the socket.io auth token' }),
  role: RoleSchema,
  username: Type.String(),
  unit_id: Type.Union([Type.Integer(), Type.Null()], { description: 'the patrol unit of a worker account' }),
  expiresAt: Type.String({ format: 'date-time' }),
  must_change_password: Type.Boolean({
    description:
      'true: this session may only call /api/me, /api/auth/password and /api/auth/logout until the password is changed',
  }),
});
export type LoginReplyT = Static<typeof LoginReply>;

export const Me = Type.Object({
  username: Type.String(),
  role: RoleSchema,
  unit_id: Type.Union([Type.Integer(), Type.Null()], { description: 'the patrol unit of a worker account' }),
  must_change_password: Type.Boolean(),
});

export const ChangePasswordBody = Type.Object(
  {
    current: Type.String({ minLength: 1, maxLength: 256 }),
    new: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const WallExchangeBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 4096, description: 'the token of a /wall?token=… link' }) },
  { additionalProperties: false },
);
export const WallExchangeReply = Type.Object({
  token: Type.String({ description: "a bearer token for the screen's session (not the link token)" }),
  role: RoleSchema,
  username: Type.String(),
  screen: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const SessionSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  user_id: Type.Integer(),
  username: Type.String(),
  role: RoleSchema,
  kind: Type.Union([Type.Literal('login'), Type.Literal('wall')]),
  screen: Type.Union([Type.String(), Type.Null()], { description: 'the label of a wall screen' }),
  created_at: Type.String({ format: 'date-time' }),
  last_seen_at: Type.String({ format: 'date-time', description: 'updated at most once a minute' }),
  expires_at: Type.String({ format: 'date-time' }),
  ip: Type.Union([Type.String(), Type.Null()]),
  user_agent: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean({ description: "the caller's own session" }),
});
export const SessionList = Type.Object({ sessions: Type.Array(SessionSchema) });
export const SessionIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

/** What a token carries. */
export interface TokenClaims {
  sub: number;
  username: string;
  role: Role;
  /** The patrol unit a worker acts for (absent or null for the other roles). */
  unit?: number | null;
  /** The session (sessions.id) the token belongs to; a token of an ended session is refused. */
  sid: string;
  /** 'wall-link': the token of a /wall?token=… link, accepted only by POST /api/auth/wall. */
  use?: 'wall-link';
  exp?: number;
  iat?: number;
  /** Filled in by the server from the session's user when it checks the token; never signed. */
  mustChangePassword?: boolean;
}

export const LockoutSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String({ description: 'the user name as typed at sign-in (it need not exist)' }),
  address: Type.String({ description: 'the client address the failures came from' }),
  failures: Type.Integer({ description: 'failures of this name from this address when it was locked' }),
  locked_at: Type.String({ format: 'date-time' }),
  until: Type.String({ format: 'date-time', description: 'when the lockout ends by itself' }),
});
export const LockoutList = Type.Object({ items: Type.Array(LockoutSchema) });
