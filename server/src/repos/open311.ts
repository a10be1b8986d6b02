/**
 * Open311 service requests: the categories as services, filing a request as an incident (through
 * the same createIncident as POST /api/incidents, so it gets its grid, due time and live event),
 * the public view of requests, and the contact details operators see.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { IncidentSummary } from '../contract/events.ts';
import type { IncidentContact } from '../contract/open311.ts';
import type { IncidentCategory, IncidentStatus } from '../contract/vocabulary.ts';
import { CLOSED_STATUSES } from '../contract/vocabulary.ts';
import {
  publicStatus,
  RETRY_WINDOW_S,
  serviceNotice,
  statusNotes,
  type RequestQuery,
  type ServiceRequestForm,
} from '../domain/open311.ts';
import type { PublicRequest, Service } from '../domain/open311-format.ts';
import type { Deadlines } from '../domain/workflow.ts';
import { AppError, appError } from '../errors.ts';
import { sql } from '../sql/index.ts';
import type { KeyHolder } from './channels.ts';
import { createIncident, getSummaryRow, toSummary } from './incident-writes.ts';
import { inTransaction } from './transaction.ts';

// Advisory lock namespace for a device's retries (two-key form, apart from the outbox's one-key lock).
const RETRY_LOCK = 311;

interface ServiceRow {
  code: string;
  name: string;
  name_zh: string;
  department: string | null;
  department_zh: string | null;
}

function toService(r: ServiceRow): Service {
  return {
    service_code: r.code,
    service_name: `${r.name_zh} ${r.name}`,
    description: r.department_zh
      ? `${r.name_zh}（${r.name}），由${r.department_zh}处理 handled by ${r.department}`
      : `${r.name_zh}（${r.name}）`,
    metadata: false,
    type: 'realtime',
    keywords: [r.code, r.name_zh, r.name].join(', '),
    group: r.department_zh ? `${r.department_zh} ${r.department}` : '综合 General',
  };
}

export async function listServices(db: pg.Pool): Promise<Service[]> {
  const { rows } = await db.query<ServiceRow>(sql('open311/services'), [null]);
  return rows.map(toService);
}

export async function getService(db: pg.Pool, code: string): Promise<Service | null> {
  const { rows } = await db.query<ServiceRow>(sql('open311/services'), [code]);
  return rows[0] ? toService(rows[0]) : null;
}

/**
 * Files a request as an incident with the channel's source, in one transaction with what the
 * channel sent beyond it. A device's identical request within RETRY_WINDOW_S returns the first
 * one (`created: false`).
 */
export async function fileServiceRequest(
  db: pg.Pool,
  channel: KeyHolder,
  form: ServiceRequestForm,
  deadlines: Deadlines,
): Promise<{ incident: IncidentSummary; created: boolean }> {
  return inTransaction(db, async (client) => {
    if (form.fingerprint) {
      // Two retries racing each other: the second waits here and then sees the first.
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [RETRY_LOCK, form.fingerprint.readInt32BE(0)]);
      const { rows } = await client.query<{ incident_id: string }>(sql('open311/retry'), [
        channel.id,
        form.fingerprint,
        RETRY_WINDOW_S,
      ]);
      const earlier = rows[0] && (await getSummaryRow(client, rows[0].incident_id));
      if (earlier) return { incident: toSummary(earlier, deadlines), created: false };
    }
    const id = randomUUID();
    const c = form.contact;
    await client.query(sql('open311/record'), [
      id,
      channel.id,
      form.address_string,
      form.media_url,
      form.fingerprint,
      c.first_name,
      c.last_name,
      c.email,
      c.phone,
      c.device_id,
      c.account_id,
    ]);
    // createIncident runs one statement; on this transaction's connection it commits with the rows above.
    const { incident } = await createIncident(
      client as unknown as pg.Pool,
      {
        id,
        // The register decides which codes exist; an unknown one fails the foreign key (answered below).
        category: form.service_code as IncidentCategory,
        grade: 'routine',
        source: channel.source,
        description: form.description,
        photos: [],
        reportedAt: new Date(),
        lon: form.lon,
        lat: form.lat,
      },
      `channel:${channel.name}`,
      deadlines,
    ).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'bad_request' && err.message.startsWith('Unknown category'))
        throw appError(
          'bad_request',
          `service_code ${form.service_code} is not a service: GET services.json lists them`,
        );
      throw err;
    });
    return { incident, created: true };
  });
}

interface RequestRow {
  id: string;
  status: IncidentStatus;
  category: string;
  name: string;
  name_zh: string;
  description: string;
  agency: string | null;
  reported_at: Date;
  updated_at: Date;
  due_at: string | null;
  address_string: string | null;
  media_url: string | null;
  lon: number;
  lat: number;
  latest_note: string | null;
}

/** Requests filed through any channel, as the public may see them: never a contact detail. */
export async function listPublicRequests(db: pg.Pool, q: RequestQuery, deadlines: Deadlines): Promise<PublicRequest[]> {
  const { rows } = await db.query<RequestRow>(sql('open311/requests'), [
    q.ids,
    q.codes,
    q.start,
    q.end,
    q.status,
    q.limit,
    JSON.stringify(deadlines),
    CLOSED_STATUSES,
  ]);
  return rows.map((r) => {
    const status = publicStatus(r.status);
    return {
      service_request_id: r.id,
      status,
      status_notes: statusNotes(r.status, r.latest_note),
      service_name: `${r.name_zh} ${r.name}`,
      service_code: r.category,
      description: r.description,
      agency_responsible: r.agency,
      service_notice: serviceNotice(status === 'open' ? r.due_at : null),
      requested_datetime: r.reported_at.toISOString(),
      updated_datetime: r.updated_at.toISOString(),
      expected_datetime: status === 'open' ? r.due_at : null,
      address: r.address_string,
      address_id: null,
      zipcode: null,
      lat: r.lat,
      long: r.lon,
      media_url: r.media_url,
    };
  });
}

/** The channel, contact, address and media URL of an incident that came through a channel; else null. */
export async function getIncidentContact(db: pg.Pool, incidentId: string): Promise<IncidentContact | null> {
  const { rows } = await db.query<IncidentContact>(sql('open311/contact'), [incidentId]);
  return rows[0] ?? null;
}
