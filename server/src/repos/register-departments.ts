/**
 * Departments (that incidents are handed to) and incident categories as registers. A category
 * still named by incidents is not deleted (the record of what was reported must stay readable);
 * renaming its code carries the incidents along (the foreign key cascades on update).
 */
import type pg from 'pg';
import type { Category, CategoryInput, Department, DepartmentInput, ListQueryT } from '../contract/registers.ts';
import { appError } from '../errors.ts';
import { iso, listPage, lockVersioned, ref, registerWrite, type Db } from './register-common.ts';

const D_SELECT = `SELECT id, code, name, name_zh, phone, version, updated_at FROM departments d`;
const D_SEARCH = `($1::text IS NULL OR d.code ILIKE $1 OR d.name ILIKE $1 OR d.name_zh ILIKE $1)`;
const D_LOCK = `SELECT id, code, name, name_zh, phone, version FROM departments WHERE id = $1 FOR UPDATE`;

const C_SELECT = `
SELECT c.id, c.code, c.name, c.name_zh, c.department_id, d.code AS d_code, d.name_zh AS d_name, c.version, c.updated_at
FROM categories c LEFT JOIN departments d ON d.id = c.department_id`;
const C_SEARCH = `($1::text IS NULL OR c.code ILIKE $1 OR c.name ILIKE $1 OR c.name_zh ILIKE $1)`;
const C_LOCK = `SELECT id, code, name, name_zh, department_id, version FROM categories WHERE id = $1 FOR UPDATE`;

interface DepartmentRow extends Omit<Department, 'updated_at'> {
  updated_at: Date;
}
interface CategoryRow extends Omit<Category, 'updated_at' | 'department'> {
  d_code: string | null;
  d_name: string | null;
  updated_at: Date;
}

const toDepartment = (r: DepartmentRow): Department => ({ ...r, updated_at: iso(r.updated_at) });
const toCategory = ({ d_code, d_name, ...r }: CategoryRow): Category => ({
  ...r,
  department: ref(r.department_id, d_code, d_name),
  updated_at: iso(r.updated_at),
});

async function getDepartment(db: Db, id: number): Promise<Department | null> {
  const { rows } = await db.query<DepartmentRow>(`${D_SELECT} WHERE d.id = $1`, [id]);
  return rows[0] ? toDepartment(rows[0]) : null;
}

async function getCategory(db: Db, id: number): Promise<Category | null> {
  const { rows } = await db.query<CategoryRow>(`${C_SELECT} WHERE c.id = $1`, [id]);
  return rows[0] ? toCategory(rows[0]) : null;
}

/** A department named by a category must exist: a 400 naming it, before the foreign key says so. */
async function checkDepartment(client: pg.ClientBase, id: number | null | undefined) {
  if (id == null) return;
  const { rows } = await client.query('SELECT 1 FROM departments WHERE id = $1', [id]);
  if (!rows.length) throw appError('bad_request', `No department with id ${id}`);
}

export const departments = {
  list: (db: Db, q: ListQueryT) =>
    listPage(
      db,
      `${D_SELECT} WHERE ${D_SEARCH} ORDER BY d.code LIMIT $2 OFFSET $3`,
      `SELECT count(*)::int AS n FROM departments d WHERE ${D_SEARCH}`,
      q,
      toDepartment,
    ),
  get: getDepartment,

  async create(db: pg.Pool, b: DepartmentInput): Promise<Department> {
    return registerWrite(db, 'The department', async (client) => {
      const { rows } = await client.query<{ id: number }>(
        'INSERT INTO departments (code, name, name_zh, phone) VALUES ($1, $2, $3, $4) RETURNING id',
        [b.code, b.name, b.name_zh, b.phone ?? null],
      );
      return (await getDepartment(client, rows[0].id))!;
    });
  },

  async update(db: pg.Pool, id: number, b: Partial<DepartmentInput> & { version: number }): Promise<Department> {
    return registerWrite(db, 'The department', async (client) => {
      const cur = await lockVersioned<Department>(client, D_LOCK, [id], 'department', b.version);
      const n = { ...cur, ...b };
      await client.query(
        `UPDATE departments SET code = $2, name = $3, name_zh = $4, phone = $5, version = version + 1,
           updated_at = now() WHERE id = $1`,
        [id, n.code, n.name, n.name_zh, n.phone],
      );
      return (await getDepartment(client, id))!;
    });
  },

  async remove(db: pg.Pool, id: number, version: number): Promise<void> {
    await registerWrite(db, 'The department', async (client) => {
      await lockVersioned(client, D_LOCK, [id], 'department', version);
      // Its categories keep existing without a department (ON DELETE SET NULL), to be reassigned.
      await client.query('DELETE FROM departments WHERE id = $1', [id]);
    });
  },
};

export const categories = {
  list: (db: Db, q: ListQueryT) =>
    listPage(
      db,
      `${C_SELECT} WHERE ${C_SEARCH} ORDER BY c.code LIMIT $2 OFFSET $3`,
      `SELECT count(*)::int AS n FROM categories c WHERE ${C_SEARCH}`,
      q,
      toCategory,
    ),
  get: getCategory,

  async create(db: pg.Pool, b: CategoryInput): Promise<Category> {
    return registerWrite(db, 'The category', async (client) => {
      await checkDepartment(client, b.department_id);
      const { rows } = await client.query<{ id: number }>(
        'INSERT INTO categories (code, name, name_zh, department_id) VALUES ($1, $2, $3, $4) RETURNING id',
        [b.code, b.name, b.name_zh, b.department_id ?? null],
      );
      return (await getCategory(client, rows[0].id))!;
    });
  },

  async update(db: pg.Pool, id: number, b: Partial<CategoryInput> & { version: number }): Promise<Category> {
    return registerWrite(db, 'The category', async (client) => {
      const cur = await lockVersioned<CategoryInput & { version: number }>(client, C_LOCK, [id], 'category', b.version);
      await checkDepartment(client, b.department_id);
      const n = { ...cur, ...b };
      await client.query(
        `UPDATE categories SET code = $2, name = $3, name_zh = $4, department_id = $5, version = version + 1,
           updated_at = now() WHERE id = $1`,
        [id, n.code, n.name, n.name_zh, n.department_id],
      );
      return (await getCategory(client, id))!;
    });
  },

  async remove(db: pg.Pool, id: number, version: number): Promise<void> {
    await registerWrite(db, 'The category', async (client) => {
      const cur = await lockVersioned<Category>(client, C_LOCK, [id], 'category', version);
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM incidents WHERE category = $1',
        [cur.code],
      );
      if (rows[0].n > 0)
        throw appError(
          'conflict',
          `Category ${cur.code} is used by ${rows[0].n} incident${rows[0].n > 1 ? 's' : ''}; ` +
            `it cannot be deleted (rename it, or keep it for the record)`,
          { incidents: rows[0].n },
        );
      await client.query('DELETE FROM categories WHERE id = $1', [id]);
    });
  },
};
