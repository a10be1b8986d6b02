/**
 * Open311 GeoReport v2 under /open311/v2: the incident categories as services, and service
 * requests filed by public channels (the 12345 hotline, WeChat mini-programs) with an api_key.
 * Reads need no key (as the specification has it) and show every request that came through a
 * channel, never a contact detail; a key sent with a read must be valid. Each key (or, without
 * one, each address) gets `rate` calls a minute per route.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Open311RequestForm, Open311RequestQuery } from '../../contract/open311.ts';
import {
  encodeReceipts,
  encodeRequests,
  encodeServiceDefinition,
  encodeServices,
} from '../../domain/open311-format.ts';
import { readRequestQuery, readServiceRequest, serviceNotice } from '../../domain/open311.ts';
import type { Deadlines } from '../../domain/workflow.ts';
import { appError } from '../../errors.ts';
import { channelForKey, type KeyHolder } from '../../repos/channels.ts';
import { fileServiceRequest, getService, listPublicRequests, listServices } from '../../repos/open311.ts';
import { formatOf, formOf, send, setUpWire } from './wire.ts';

export interface Open311Options {
  deadlines: Deadlines;
  /** Calls a minute per api_key (or per address without a key), per route. */
  rate: number;
}

const Suffix = Type.String({ description: 'json or xml' });
const errorsDoc = {
  description:
    'Errors as the specification writes them: JSON `[{code, description}]`, XML `<errors><error><code/><description/></error></errors>`; 400 bad field, 403 bad or revoked api_key, 404 unknown service or request, 429 rate limited',
};

const routes: FastifyPluginAsyncTypebox<Open311Options> = async (app, opts) => {
  setUpWire(app);
  app.setNotFoundHandler(() => {
    throw appError('not_found', 'No such Open311 resource: services, services/{code}, requests, requests/{id}');
  });

  const keyOf = (request: FastifyRequest) =>
    formOf(request.body).api_key ?? formOf(request.query).api_key ?? `ip:${request.ip}`;
  const rateLimit = { max: opts.rate, timeWindow: '1 minute', hook: 'preValidation' as const, keyGenerator: keyOf };

  /** The channel of a key: 403 when it is unknown or revoked, before anything else is looked at. */
  async function holder(key: string | undefined, required: boolean): Promise<KeyHolder | null> {
    if (!key) {
      if (required) throw appError('forbidden', 'api_key is required to create a request');
      return null;
    }
    const found = await channelForKey(app.db, key);
    if (!found) throw appError('forbidden', 'Invalid api_key received: ask the centre for a channel key');
    if (found.revoked) throw appError('forbidden', `The api_key of channel ${found.name} has been revoked`);
    return found;
  }

  app.get(
    '/services.:format',
    {
      config: { rateLimit },
      schema: {
        tags: ['open311'],
        summary: 'Service list: the incident categories (GET /api/categories), as Open311 services',
        params: Type.Object({ format: Suffix }),
        description: errorsDoc.description,
      },
    },
    async (request, reply) => {
      const format = formatOf(request.params.format);
      return send(reply, format, 200, encodeServices(format, await listServices(app.db)));
    },
  );

  app.get(
    '/services/:code.:format',
    {
      config: { rateLimit },
      schema: {
        tags: ['open311'],
        summary: 'Service definition: metadata is false for every service, so no extra attributes',
        params: Type.Object({ code: Type.String(), format: Suffix }),
        description: errorsDoc.description,
      },
    },
    async (request, reply) => {
      const format = formatOf(request.params.format);
      const service = await getService(app.db, request.params.code);
      if (!service) throw appError('not_found', `service_code ${request.params.code.slice(0, 60)} is not a service`);
      return send(reply, format, 200, encodeServiceDefinition(format, service.service_code));
    },
  );

  app.post(
    '/requests.:format',
    {
      config: { rateLimit },
      // The fields are checked below so that every problem is answered in the specification's error list.
      validatorCompiler: () => () => true,
      schema: {
        tags: ['open311'],
        summary: 'Create a service request: it becomes an incident with the channel’s source',
        description: `Form fields (application/x-www-form-urlencoded, or multipart/form-data without files). 201: [{service_request_id, service_notice, account_id}]; a device's identical request within 60 s answers 200 with the first id. ${errorsDoc.description}`,
        consumes: ['application/x-www-form-urlencoded', 'multipart/form-data'],
        params: Type.Object({ format: Suffix }),
        body: Open311RequestForm,
      },
    },
    async (request, reply) => {
      const format = formatOf(request.params.format);
      const form = formOf(request.body);
      const channel = (await holder(form.api_key, true))!;
      const { value, problems } = readServiceRequest(form);
      if (!value) throw appError('bad_request', problems.join('; '), { problems });
      const { incident, created } = await fileServiceRequest(app.db, channel, value, opts.deadlines);
      const receipt = {
        service_request_id: incident.id,
        service_notice: serviceNotice(incident.due_at),
        account_id: value.contact.account_id,
      };
      return send(reply, format, created ? 201 : 200, encodeReceipts(format, [receipt]));
    },
  );

  app.get(
    '/requests.:format',
    {
      config: { rateLimit },
      schema: {
        tags: ['open311'],
        summary: 'Service requests filed through channels (default: the last 90 days, at most 1000), newest first',
        params: Type.Object({ format: Suffix }),
        querystring: Open311RequestQuery,
        description: errorsDoc.description,
      },
    },
    async (request, reply) => {
      const format = formatOf(request.params.format);
      const q = formOf(request.query);
      await holder(q.api_key, false);
      const { value, problems } = readRequestQuery(q);
      if (!value) throw appError('bad_request', problems.join('; '), { problems });
      return send(reply, format, 200, encodeRequests(format, await listPublicRequests(app.db, value, opts.deadlines)));
    },
  );

  app.get(
    '/requests/:id.:format',
    {
      config: { rateLimit },
      schema: {
        tags: ['open311'],
        summary: 'One service request (an array of one, as the specification has it)',
        params: Type.Object({ id: Type.String(), format: Suffix }),
        querystring: Open311RequestQuery,
        description: errorsDoc.description,
      },
    },
    async (request, reply) => {
      const format = formatOf(request.params.format);
      await holder(formOf(request.query).api_key, false);
      const { value } = readRequestQuery({ service_request_id: request.params.id });
      const found = value?.ids?.length ? await listPublicRequests(app.db, value, opts.deadlines) : [];
      if (!found.length) throw appError('not_found', `No service request ${request.params.id.slice(0, 60)}`);
      return send(reply, format, 200, encodeRequests(format, found));
    },
  );
};
export default routes;
