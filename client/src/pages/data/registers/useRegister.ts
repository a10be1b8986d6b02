/**
 * One register's page of records (search, pages of 50) and its writes: create, change (only
 * what changed, at the record's version), delete, a user's new password. A stale version (409)
 * reads "changed by someone else — reload"; other refusals show the server's reason.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/http';
import {
  createRecord,
  deleteRecord,
  findGridByCode,
  listRegister,
  setUserPassword,
  updateRecord,
  type RegisterPage,
  type RegisterRecord,
} from '../../../api/registers';
import { buildBody, type FormValues, type Mode } from './formValues';
import type { RegisterDef } from './registerDefs';

export const PAGE_SIZE = 50;

export interface Problem {
  text: string;
  /** A stale version: the list should be reloaded. */
  stale: boolean;
}

export function problemOf(err: unknown): Problem {
  if (err instanceof ApiError && err.status === 409 && /version/i.test(err.message))
    return { text: `Changed by someone else — reload 已被他人修改，请重新加载 (${err.message})`, stale: true };
  return { text: err instanceof Error ? err.message : String(err), stale: false };
}

export function useRegister(def: RegisterDef) {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<RegisterPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [reloads, setReloads] = useState(0);
  const seq = useRef(0);

  useEffect(() => {
    const ctl = new AbortController();
    const mine = ++seq.current;
    const t = setTimeout(() => {
      setLoading(true);
      listRegister(def.name, { q, limit: PAGE_SIZE, offset }, ctl.signal)
        .then((p) => {
          if (mine !== seq.current) return;
          setPage(p);
          setLoading(false);
        })
        .catch((err: unknown) => {
          if (mine !== seq.current || (err instanceof DOMException && err.name === 'AbortError')) return;
          setProblem(problemOf(err));
          setLoading(false);
        });
    }, 200);
    return () => {
      clearTimeout(t);
      ctl.abort();
    };
  }, [def.name, q, offset, reloads]);

  const reload = useCallback(() => {
    setProblem(null);
    // Loading from now (not from when the debounced request starts): the rows shown are stale.
    setLoading(true);
    setReloads((n) => n + 1);
  }, []);
  const search = useCallback((text: string) => {
    setQ(text);
    setOffset(0);
  }, []);

  /** Saves a form; resolves true when it was saved (the list reloads), false with the problem shown. */
  const save = useCallback(
    async (mode: Mode, values: FormValues, record: RegisterRecord | null): Promise<boolean> => {
      const built = buildBody(def.fields, values, record, mode);
      if ('error' in built) {
        setProblem({ text: built.error, stale: false });
        return false;
      }
      try {
        const body = { ...built.body };
        if (built.grid !== undefined) body.grid_id = await gridId(built.grid);
        if (mode === 'create') await createRecord(def.name, body);
        else if (record && Object.keys(body).length)
          await updateRecord(def.name, record.id, { ...body, version: record.version });
        setProblem(null);
        setReloads((n) => n + 1);
        return true;
      } catch (err) {
        setProblem(problemOf(err));
        return false;
      }
    },
    [def],
  );

  const remove = useCallback(
    async (record: RegisterRecord) => {
      try {
        await deleteRecord(def.name, record.id, record.version);
        setProblem(null);
        setReloads((n) => n + 1);
      } catch (err) {
        setProblem(problemOf(err));
      }
    },
    [def],
  );

  const password = useCallback(async (record: RegisterRecord, pw: string) => {
    try {
      await setUserPassword(record.id, pw, record.version);
      setProblem({ text: `Password of ${String(record.username)} changed 密码已修改`, stale: false });
      setReloads((n) => n + 1);
    } catch (err) {
      setProblem(problemOf(err));
    }
  }, []);

  return { q, search, offset, setOffset, page, loading, problem, setProblem, reload, save, remove, password };
}

/** A grid given by id (digits) or by code, as the register's grid_id. */
async function gridId(ref: string | null): Promise<number | null> {
  if (ref === null) return null;
  if (/^\d+$/.test(ref)) return Number(ref);
  const g = await findGridByCode(ref);
  if (!g) throw new Error(`No grid with code ${ref} 无此网格编码`);
  return g.id;
}
