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
});
export type LoginReplyT = Static<typeof LoginReply>;

export const Me = Type.Object({
  username: Type.String(),
  role: RoleSchema,
  unit_id: Type.Union([Type.Integer(), Type.Null()], { description: 'the patrol unit of a worker account' }),
});

/** What a token carries. */
export interface TokenClaims {
  sub: number;
  username: string;
  role: Role;
  /** The patrol unit a worker acts for (absent or null for the other roles). */
  unit?: number | null;
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
