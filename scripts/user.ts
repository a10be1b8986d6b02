/**
 * `npm run user -- add --name N --role R --password P [--unit CODE]` (also: passwd, list). A `worker`
 * account needs `--unit`: the code of the patrol unit (grid worker) it acts for. `unlock NAME` lifts
 * every sign-in lockout of that name and ends its back-off.
 */
import pg from 'pg';
import { checkNewPassword } from '../server/src/auth/password-policy.ts';
import { isRole, ROLES } from '../server/src/domain/roles.ts';
import { clearFailures, liftLockouts } from '../server/src/repos/login-throttle.ts';
import { createUser, listUsers, setPassword } from '../server/src/repos/users.ts';
import { args } from './lib/args.ts';
import { resolveDatabaseUrl } from './lib/db.ts';
import { prepareDatabase } from './lib/prepare.ts';

const { values, positionals } = args({
  name: { type: 'string' },
  role: { type: 'string' },
  password: { type: 'string' },
  unit: { type: 'string' },
});
const cmd = positionals[0] ?? 'list';
const fail = (msg: string): never => {
  console.error(msg);
  process.exit(2);
};

const url = await resolveDatabaseUrl();
await prepareDatabase(url);
const db = new pg.Client({ connectionString: url });
await db.connect();
try {
  if (cmd === 'add') {
    const name = values.name ?? fail('--name is required');
    const role = values.role ?? fail('--role is required');
    const password = values.password ?? fail('--password is required');
    if (!isRole(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
    if (!/^[\w.@-]{1,64}$/.test(name)) fail('--name may use letters, digits, _ . @ - (at most 64)');
    const weak = checkNewPassword(password, name);
    if (weak) fail(`--password refused: ${weak}`);
    let unitId: number | null = null;
    if (role === 'worker') {
      const code = values.unit ?? fail('--unit CODE is required for a worker: the patrol unit it acts for');
      const { rows } = await db.query<{ id: number }>('SELECT id FROM patrol_units WHERE code = $1', [code]);
      unitId = rows[0]?.id ?? fail(`no patrol unit with code "${code}"`);
    }
    try {
      await createUser(db, name, role as (typeof ROLES)[number], password, unitId);
    } catch (err) {
      if ((err as { code?: string; constraint?: string }).constraint === 'users_unit_once')
        fail(`unit ${values.unit} already has a worker account`);
      if ((err as { code?: string }).code === '23505')
        fail(`user "${name}" already exists (use: npm run user -- passwd --name ${name} --password P)`);
      throw err;
    }
    console.log(`user ${name} (${role}) created`);
  } else if (cmd === 'passwd') {
    const name = values.name ?? fail('--name is required');
    const password = values.password ?? fail('--password is required');
    const weak = checkNewPassword(password, name);
    if (weak) fail(`--password refused: ${weak}`);
    if (!(await setPassword(db, name, password))) fail(`no user "${name}"`);
    console.log(`password of ${name} changed; their sessions ended`);
  } else if (cmd === 'unlock') {
    const name = positionals[1] ?? values.name ?? fail('usage: npm run user -- unlock NAME');
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const lifted = await liftLockouts(pool, { username: name });
      await clearFailures(pool, name);
      for (const l of lifted) console.log(`lifted the lockout of ${name} from ${l.address}`);
      console.log(`${name} may sign in again (${lifted.length} lockout${lifted.length === 1 ? '' : 's'} lifted)`);
    } finally {
      await pool.end();
    }
  } else if (cmd === 'list') {
    for (const u of await listUsers(db))
      console.log(`${u.username.padEnd(24)} ${u.role.padEnd(9)} ${u.disabled ? 'disabled' : ''}`);
  } else {
    fail(`unknown command "${cmd}" (use add, passwd, unlock or list)`);
  }
} finally {
  await db.end();
}
