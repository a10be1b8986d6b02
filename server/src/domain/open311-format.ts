/**
 * Open311 GeoReport v2 on the wire: each answer as JSON (an array, or an object for a service
 * definition) or as XML (a root element holding one element per item), UTF-8 with the XML
 * declaration, as the specification shows them. Pure: the routes send what these return.
 */
import { XMLBuilder } from 'fast-xml-parser';

export type Open311Format = 'json' | 'xml';
export const OPEN311_FORMATS: readonly Open311Format[] = ['json', 'xml'];

export const CONTENT_TYPE: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export interface Open311Error {
  code: number;
  description: string;
}

export interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface RequestReceipt {
  service_request_id: string;
  service_notice: string;
  account_id: string | null;
}

export interface PublicRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: true });
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

// null → an empty element (<account_id/>), as the specification's examples show absent values.
const blanks = <T extends object>(item: T) => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v ?? '']));

function xml(root: string, item: string, items: object[]): string {
  return `${DECLARATION}\n${builder.build({ [root]: { [item]: items.map(blanks) } })}`;
}

export function encodeServices(format: Open311Format, services: Service[]): string {
  return format === 'json' ? JSON.stringify(services) : xml('services', 'service', services);
}

/** A service definition: our services have no extra attributes (metadata false), so the list is empty. */
export function encodeServiceDefinition(format: Open311Format, serviceCode: string): string {
  if (format === 'json') return JSON.stringify({ service_code: serviceCode, attributes: [] });
  return `${DECLARATION}\n${builder.build({ service_definition: { service_code: serviceCode, attributes: '' } })}`;
}

export function encodeReceipts(format: Open311Format, receipts: RequestReceipt[]): string {
  return format === 'json' ? JSON.stringify(receipts) : xml('service_requests', 'request', receipts);
}

export function encodeRequests(format: Open311Format, requests: PublicRequest[]): string {
  return format === 'json' ? JSON.stringify(requests) : xml('service_requests', 'request', requests);
}

export function encodeErrors(format: Open311Format, errors: Open311Error[]): string {
  return format === 'json' ? JSON.stringify(errors) : xml('errors', 'error', errors);
}
