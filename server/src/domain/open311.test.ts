import { describe, expect, it } from 'vitest';
import { encodeErrors, encodeReceipts } from './open311-format.ts';
import { publicStatus, readRequestQuery, readServiceRequest, statusNotes } from './open311.ts';

const base = { service_code: 'dispute', lat: '26.2', long: '111.6' };

describe('readServiceRequest', () => {
  it('takes a well-formed form, trimming and keeping empty fields as absent', () => {
    const { value, problems } = readServiceRequest({ ...base, description: '  噪音  ', email: '' });
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ service_code: 'dispute', lat: 26.2, lon: 111.6, description: '噪音' });
    expect(value!.contact.email).toBeNull();
    expect(value!.fingerprint).toBeNull();
  });

  it('names every problem: missing code, bad numbers, lengths, control characters, bad URLs', () => {
    const { value, problems } = readServiceRequest({
      lat: '1e3',
      long: '0x10',
      description: 'x'.repeat(4001),
      media_url: 'javascript:alert(1)',
      phone: 'a\u0000b',
    });
    expect(value).toBeNull();
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/service_code is required/);
    expect(problems.join('\n')).toMatch(/lat must be a number/);
    expect(problems.join('\n')).toMatch(/long must be a number/);
    expect(problems.join('\n')).toMatch(/4000/);
  });

  it('needs the point: an address alone is refused with the reason; lat without long too', () => {
    expect(readServiceRequest({ service_code: 'x', address_string: '潇湘路' }).problems[0]).toMatch(/does not geocode/);
    expect(readServiceRequest({ service_code: 'x', lat: '26' }).problems).toEqual(['lat and long go together']);
    expect(readServiceRequest({ ...base, lat: '-90.0', long: '+180' }).problems).toEqual([]);
  });

  it('a device’s identical content has one fingerprint; other content another', () => {
    const a = readServiceRequest({ ...base, device_id: 'd1', description: 'x' }).value!.fingerprint!;
    const b = readServiceRequest({ ...base, device_id: 'd1', description: 'x ' }).value!.fingerprint!;
    const c = readServiceRequest({ ...base, device_id: 'd1', description: 'y' }).value!.fingerprint!;
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });
});

describe('readRequestQuery', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  it('defaults to the last 90 days and at most 1000 requests', () => {
    const { value } = readRequestQuery({}, now);
    expect(value).toMatchObject({ ids: null, codes: null, status: null, limit: 1000, end: now });
    expect(now.getTime() - value!.start.getTime()).toBe(90 * 86_400_000);
  });

  it('a start alone runs 90 days on; lists split on commas; open,closed means both', () => {
    const { value } = readRequestQuery(
      { start_date: '2026-01-01T00:00:00+08:00', service_code: 'a, b', status: 'open,closed' },
      now,
    );
    expect(value!.end.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(value!.codes).toEqual(['a', 'b']);
    expect(value!.status).toBeNull();
  });

  it('refuses bad dates, a span over 90 days, unknown statuses; drops ids it never gave', () => {
    expect(readRequestQuery({ start_date: 'yesterday' }, now).problems[0]).toMatch(/W3C datetime/);
    expect(readRequestQuery({ start_date: '2026-02-30T00:00:00Z' }, now).problems[0]).toMatch(/W3C datetime/);
    expect(readRequestQuery({ start_date: '2026-01-01', end_date: '2026-06-01' }, now).problems[0]).toMatch(/90 days/);
    expect(readRequestQuery({ status: 'pending' }, now).problems[0]).toMatch(/open or closed/);
    expect(readRequestQuery({ service_request_id: '1,abc' }, now).value!.ids).toEqual([]);
  });
});

describe('status and wire format', () => {
  it('closed for the closed statuses; notes fall back to the status name', () => {
    expect(publicStatus('archived')).toBe('closed');
    expect(publicStatus('dispatched')).toBe('open');
    expect(statusNotes('accepted', null)).toBe('已受理 Accepted');
    expect(statusNotes('rejected', ' 转物业 ')).toBe('转物业');
  });

  it('writes the specification’s shapes, escaping XML and emptying nulls', () => {
    expect(encodeErrors('json', [{ code: 400, description: 'x' }])).toBe('[{"code":400,"description":"x"}]');
    const xml = encodeReceipts('xml', [{ service_request_id: 'a<b', service_notice: '&', account_id: null }]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<service_requests><request><service_request_id>a&lt;b</service_request_id><service_notice>&amp;</service_notice><account_id/></request></service_requests>',
    );
  });
});
