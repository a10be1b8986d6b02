/**
 * The five routes every register has, from one description: list (search, page, total), read
 * one, create, change (optimistic on `version`), delete (`?version=`). The repositories do the
 * work in one transaction each; this file only checks permissions and shapes.
 */
import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { ErrorBody, IdParams, errorResponses } from '../../contract/common.ts';
import { DeleteQuery, Deleted, ListQuery, Page, type ListQueryT } from '../../contract/registers.ts';
import type { Permission } from '../../domain/roles.ts';
import { appError } from '../../errors.ts';

/** What a register's repository offers the routes (bodies arrive already checked by the schemas). */
export interface RegisterRepo<T> {
  list(db: FastifyInstance['db'], q: ListQueryT): Promise<{ items: T[]; total: number }>;
  get(db: FastifyInstance['db'], id: number): Promise<T | null>;
  create(db: FastifyInstance['db'], body: never, actor: string): Promise<T>;
  update(db: FastifyInstance['db'], id: number, body: never, actor: string): Promise<T>;
  remove(db: FastifyInstance['db'], id: number, version: number, actor: string): Promise<void>;
}

export interface RegisterSpec<T> {
  /** The path segment: /api/{name}. */
  name: string;
  /** One record, in messages and summaries ("grid worker"). */
  label: string;
  item: TSchema;
  newBody: TSchema;
  patchBody: TSchema;
  read: Permission;
  write: Permission;
  repo: RegisterRepo<T>;
  /** Said of the list in the docs: what q searches. */
  searches: string;
  /** Said of a delete in the docs: what refuses it or what it carries along. */
  deleteNote?: string;
}

export const writeErrors = { ...errorResponses, 409: ErrorBody };

/** The trail's note of a register write: the record's id and the version it now has. */
function written(kind: string, item: unknown) {
  const { id, version } = item as { id: number; version?: number };
  return { target: { kind, ids: [id] }, after: { id, version: version ?? null } };
}

/** Registers the five routes of one register on `app`. */
export function registerCrud<T>(app: FastifyInstance, s: RegisterSpec<T>): void {
  const base = `/api/${s.name}`;
  const security = [{ bearer: [] }];
  const tags = ['registers'];

  app.get(
    base,
    {
      onRequest: app.guard(s.read),
      schema: {
        tags,
        summary: `List ${s.label}s, searched and paged; total counts every match`,
        description: `q matches any part of ${s.searches} (case-insensitive).`,
        security,
        querystring: ListQuery,
        response: { 200: Page(s.item), ...errorResponses },
      },
    },
    async (request) => s.repo.list(app.db, request.query as ListQueryT),
  );

  app.get(
    `${base}/:id`,
    {
      onRequest: app.guard(s.read),
      schema: {
        tags,
        summary: `One ${s.label}, with its version`,
        security,
        params: IdParams,
        response: { 200: s.item, ...errorResponses },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const item = await s.repo.get(app.db, id);
      if (!item) throw appError('not_found', `No ${s.label} with id ${id}`);
      return item;
    },
  );

  app.post(
    base,
    {
      onRequest: app.guard(s.write),
      schema: {
        tags,
        summary: `Add a ${s.label}; a code already used is a 409`,
        security,
        body: s.newBody,
        response: { 201: s.item, ...writeErrors },
      },
    },
    async (request, reply) => {
      const item = await s.repo.create(app.db, request.body as never, request.user.username);
      request.audit(written(s.name, item));
      return reply.code(201).send(item);
    },
  );

  app.put(
    `${base}/:id`,
    {
      onRequest: app.guard(s.write),
      schema: {
        tags,
        summary: `Change a ${s.label}: fields not given keep their value; a stale version is a 409`,
        security,
        params: IdParams,
        body: s.patchBody,
        response: { 200: s.item, ...writeErrors },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const item = await s.repo.update(app.db, id, request.body as never, request.user.username);
      request.audit(written(s.name, item));
      return item;
    },
  );

  app.delete(
    `${base}/:id`,
    {
      onRequest: app.guard(s.write),
      schema: {
        tags,
        summary: `Delete a ${s.label} at ?version= (a stale version is a 409)`,
        description: s.deleteNote,
        security,
        params: IdParams,
        querystring: DeleteQuery,
        response: { 200: Deleted, ...writeErrors },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      await s.repo.remove(app.db, id, (request.query as { version: number }).version, request.user.username);
      return { deleted: id };
    },
  );
}
