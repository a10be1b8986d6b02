/**
 * Public channels (Open311 GeoReport v2): the channel keys' API for the Data page, the resident's
 * contact as operators see it on the incident card, and the Open311 fields for the OpenAPI page.
 */
import { Type, type Static } from 'typebox';

/** The kinds of public channel; each files its requests with this incident source. */
export const CHANNEL_SOURCES = ['hotline', 'wechat', 'public'] as const;
export type ChannelSource = (typeof CHANNEL_SOURCES)[number];
const SourceSchema = Type.Union([Type.Literal('hotline'), Type.Literal('wechat'), Type.Literal('public')]);

export const ChannelSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  source: SourceSchema,
  key_prefix: Type.String({ description: 'The first characters of the key, to tell keys apart' }),
  created_by: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  revoked_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  last_used_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  requests: Type.Integer({ description: 'Service requests filed with this key' }),
});
export type Channel = Static<typeof ChannelSchema>;

export const NewChannelBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
    source: Type.Optional(SourceSchema),
  },
  { additionalProperties: false },
);

export const IssuedChannel = Type.Object({
  channel: ChannelSchema,
  key: Type.String({ description: 'The api_key: shown this once, stored only as its SHA-256' }),
});

/** What a public channel sent with a request, for operators (never in the public Open311 view). */
export const IncidentContactSchema = Type.Object({
  channel: Type.String(),
  source: Type.String(),
  first_name: Type.Union([Type.String(), Type.Null()]),
  last_name: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  device_id: Type.Union([Type.String(), Type.Null()]),
  account_id: Type.Union([Type.String(), Type.Null()]),
  address_string: Type.Union([Type.String(), Type.Null()]),
  media_url: Type.Union([Type.String(), Type.Null()]),
});
export type IncidentContact = Static<typeof IncidentContactSchema>;

const field = (description: string) => Type.Optional(Type.String({ description }));

/** POST requests' form fields (application/x-www-form-urlencoded or multipart/form-data). */
export const Open311RequestForm = Type.Object(
  {
    api_key: Type.String({ description: 'The channel key (npm run channel -- add)' }),
    service_code: Type.String({ description: 'A service_code of GET services' }),
    lat: Type.String({ description: 'WGS 84 latitude; required here (no geocoding of addresses)' }),
    long: Type.String({ description: 'WGS 84 longitude' }),
    address_string: field('The address as the resident gave it (kept with the request)'),
    address_id: field('Not used: send lat and long'),
    description: field('Up to 4,000 characters'),
    media_url: field('Kept and returned as given, never fetched'),
    email: field('Contact: operators only'),
    device_id: field('Contact; with identical content within 60 s, a retry that returns the same id'),
    account_id: field('Contact: operators only'),
    first_name: field('Contact: operators only'),
    last_name: field('Contact: operators only'),
    phone: field('Contact: operators only'),
  },
  { additionalProperties: true, description: 'attribute[…] fields are accepted and ignored (metadata false)' },
);

export const Open311RequestQuery = Type.Object({
  service_request_id: field('Comma-separated ids; overrides the other filters'),
  service_code: field('Comma-separated service codes'),
  start_date: field('W3C datetime; default end_date − 90 days'),
  end_date: field('W3C datetime; default now (or start_date + 90 days)'),
  status: field('open or closed (comma-separated)'),
  jurisdiction_id: field('Ignored: one jurisdiction'),
  api_key: field('Optional for reads; when given it must be valid'),
});
