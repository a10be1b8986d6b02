/**
 * A small Open311 GeoReport v2 client written from the specification alone
 * (wiki.open311.org/GeoReport_v2): URLs `<endpoint>/<resource>.<format>`, requests posted as
 * application/x-www-form-urlencoded, answers read as JSON or XML. It imports nothing of the
 * server, so the tests see the API as a hotline system would.
 */
import { XMLParser } from 'fast-xml-parser';

export type Format = 'json' | 'xml';
export type Fields = Record<string, string | number | undefined>;

export interface Answer<T> {
  status: number;
  contentType: string;
  /** Parsed body: JSON as is; XML as the list of items under its root. */
  data: T;
  text: string;
}

// Every value stays text: the client compares what the server wrote (ids, codes, numbers as text).
const LISTS = ['services.service', 'service_requests.request', 'errors.error'];
const parser = new XMLParser({ parseTagValue: false, isArray: (_name, jpath) => LISTS.includes(String(jpath)) });

/** The items of an XML answer: `<services><service>…</service></services>` → [{…}]; errors likewise. */
export function parseXml(text: string): { root: string; items: Record<string, unknown>[] } {
  const doc = parser.parse(text) as Record<string, unknown>;
  const root = Object.keys(doc).find((k) => k !== '?xml')!;
  const inner = doc[root];
  if (!inner || typeof inner !== 'object') return { root, items: [] };
  const lists = Object.values(inner as Record<string, unknown>);
  const items = lists.length === 1 && Array.isArray(lists[0]) ? (lists[0] as Record<string, unknown>[]) : [inner];
  return { root, items: items as Record<string, unknown>[] };
}

export class Open311Client {
  constructor(
    /** The endpoint, e.g. http://host/open311/v2 */
    readonly endpoint: string,
    readonly apiKey?: string,
  ) {}

  url(resource: string, format: Format, query: Fields = {}): string {
    const u = new URL(`${this.endpoint}/${resource}.${format}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  private async read<T>(res: Response, format: Format): Promise<Answer<T>> {
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    let data: unknown;
    if (format === 'json') data = JSON.parse(text);
    else {
      const { root, items } = parseXml(text);
      data = root === 'service_definition' ? items[0] : items;
    }
    return { status: res.status, contentType, data: data as T, text };
  }

  async services<T = Record<string, unknown>[]>(format: Format = 'json') {
    return this.read<T>(await fetch(this.url('services', format)), format);
  }

  async service<T = Record<string, unknown>>(code: string, format: Format = 'json') {
    return this.read<T>(await fetch(this.url(`services/${encodeURIComponent(code)}`, format)), format);
  }

  /** POST a service request; `api_key` is added unless the fields carry their own (or `null` says none). */
  async create<T = Record<string, unknown>[]>(fields: Fields, format: Format = 'json', apiKey = this.apiKey) {
    const body = new URLSearchParams();
    if (apiKey !== undefined && fields.api_key === undefined) body.set('api_key', apiKey);
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.set(k, String(v));
    const res = await fetch(this.url('requests', format), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    return this.read<T>(res, format);
  }

  async requests<T = Record<string, unknown>[]>(query: Fields = {}, format: Format = 'json') {
    return this.read<T>(await fetch(this.url('requests', format, query)), format);
  }

  async request<T = Record<string, unknown>[]>(id: string, format: Format = 'json') {
    return this.read<T>(await fetch(this.url(`requests/${encodeURIComponent(id)}`, format)), format);
  }
}
