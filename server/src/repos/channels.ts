/**
 * Public channels' keys. A key is 32 random bytes (base64url, with a `gb311_` prefix); only its
 * SHA-256 is stored, with the first characters to tell keys apart. Revoking keeps the row, so
 * past requests keep their channel.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Channel, ChannelSource } from '../contract/open311.ts';
import { appError } from '../errors.ts';
import { sql } from '../sql/index.ts';

type Db = pg.Pool | pg.ClientBase;

const KEY_PREFIX = 'gb311_';
const VISIBLE = 10;

export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

type ChannelRow = Omit<Channel, 'created_at' | 'revoked_at' | 'last_used_at'> & {
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
};

function toChannel(r: ChannelRow): Channel {
  return {
    id: r.id,
    name: r.name,
    source: r.source,
    key_prefix: r.key_prefix,
    created_by: r.created_by,
    created_at: r.created_at.toISOString(),
    revoked_at: r.revoked_at?.toISOString() ?? null,
    last_used_at: r.last_used_at?.toISOString() ?? null,
    requests: r.requests,
  };
}

/** A new channel and its key (the only time the key exists outside the caller). 409 for a used name. */
export async function issueChannel(
  db: Db,
  name: string,
  source: ChannelSource,
  createdBy: string,
): Promise<{ channel: Channel; key: string }> {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const { rows } = await db
    .query<ChannelRow>(sql('open311/channel-insert'), [name, source, hashKey(key), key.slice(0, VISIBLE), createdBy])
    .catch((err: { code?: string }) => {
      if (err.code === '23505') throw appError('conflict', `A channel named "${name}" exists already`);
      if (err.code === '23514') throw appError('bad_request', 'The channel name must be 1–64 printable characters');
      throw err;
    });
  return { channel: toChannel(rows[0]), key };
}

export async function listChannels(db: Db): Promise<Channel[]> {
  const { rows } = await db.query<ChannelRow>(sql('open311/channel-list'));
  return rows.map(toChannel);
}

/** Revokes by id or by name; null when there is no such channel. Revoking twice keeps the first time. */
export async function revokeChannel(db: Db, by: { id: number } | { name: string }): Promise<Channel | null> {
  const { rows } = await db.query<ChannelRow>(sql('open311/channel-revoke'), [
    'id' in by ? by.id : null,
    'name' in by ? by.name : null,
  ]);
  return rows[0] ? toChannel(rows[0]) : null;
}

export interface KeyHolder {
  id: number;
  name: string;
  source: ChannelSource;
  revoked: boolean;
}

/** The channel a key belongs to (revoked or not), or null; notes its use at most once a minute. */
export async function channelForKey(db: Db, key: string): Promise<KeyHolder | null> {
  const { rows } = await db.query<KeyHolder>(sql('open311/channel-key'), [hashKey(key)]);
  return rows[0] ?? null;
}
