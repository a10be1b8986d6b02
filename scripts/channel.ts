/**
 * `npm run channel -- add --name NAME [--source hotline|wechat|public]` issues an Open311 key and
 * prints it on its last line (the only time it is shown); `list`; `revoke --name NAME`.
 * Exit 0 done, 1 refused (a used name, no such channel), 2 usage.
 */
import pg from 'pg';
import { CHANNEL_SOURCES, type ChannelSource } from '../server/src/contract/open311.ts';
import { AppError } from '../server/src/errors.ts';
import { issueChannel, listChannels, revokeChannel } from '../server/src/repos/channels.ts';
import { args } from './lib/args.ts';
import { resolveDatabaseUrl } from './lib/db.ts';
import { prepareDatabase } from './lib/prepare.ts';

const { values, positionals } = args({
  name: { type: 'string' },
  source: { type: 'string' },
});
const cmd = positionals[0] ?? 'list';
const usage = (msg: string): never => {
  console.error(msg);
  process.exit(2);
};
if (!['add', 'list', 'revoke'].includes(cmd)) usage(`unknown command "${cmd}" (use add, list or revoke)`);
const source = values.source ?? 'hotline';
if (!(CHANNEL_SOURCES as readonly string[]).includes(source))
  usage(`--source must be one of ${CHANNEL_SOURCES.join(', ')}`);
if (cmd !== 'list' && !values.name?.trim()) usage('--name is required');

const url = await resolveDatabaseUrl();
await prepareDatabase(url);
const db = new pg.Client({ connectionString: url });
await db.connect();
let code = 0;
try {
  if (cmd === 'add') {
    const name = values.name!.trim();
    const by = `cli:${process.env.USER ?? 'admin'}`;
    try {
      const { channel, key } = await issueChannel(db, name, source as ChannelSource, by);
      console.log(`channel ${channel.name} (${channel.source}) created; its api_key, shown only now:`);
      // The key alone on the last line, for scripts: npm run channel -- add --name X | tail -1
      console.log(key);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      console.error(err.message);
      code = err.code === 'conflict' ? 1 : 2;
    }
  } else if (cmd === 'revoke') {
    const channel = await revokeChannel(db, { name: values.name!.trim() });
    if (!channel) {
      console.error(`no channel named "${values.name}"`);
      code = 1;
    } else console.log(`channel ${channel.name} revoked at ${channel.revoked_at}`);
  } else {
    for (const c of await listChannels(db))
      console.log(
        [
          c.name.padEnd(24),
          c.source.padEnd(8),
          `${c.key_prefix}…`,
          `${c.requests} requests`.padEnd(14),
          c.revoked_at ? `revoked ${c.revoked_at}` : `last used ${c.last_used_at ?? 'never'}`,
        ].join(' '),
      );
  }
} finally {
  await db.end();
}
process.exit(code);
