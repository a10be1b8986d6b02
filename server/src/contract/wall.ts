/** The wall display's API: figures, compact per-grid values, markers, units and its config. */
import { Type, type Static } from 'typebox';
import { HEAT_WINDOWS, WALL_MEASURES } from './wall-config.ts';

const Int = Type.Integer();
const CountMap = Type.Record(Type.String(), Type.Integer());

export const WallKpisSchema = Type.Object({
  today: Type.Integer({ description: 'incidents reported since local midnight' }),
  open: Int,
  overdue: Type.Integer({ description: 'open incidents past the due time of their current step' }),
  reported30d: Int,
  closed30d: Type.Integer({ description: 'of those reported in the last 30 days, how many are closed' }),
  closureRate: Type.Union([Type.Number(), Type.Null()], { description: '办结率: closed30d / reported30d' }),
  avgHandlingMinutes: Type.Union([Type.Number(), Type.Null()], {
    description: 'reported → closed, incidents closed in the last 30 days',
  }),
  byCategory: CountMap,
  byGrade: CountMap,
  trend24h: Type.Array(Int, { description: 'reported per hour, oldest first; the last is the current hour' }),
  trend30d: Type.Array(Type.Object({ day: Type.String(), reported: Int, closed: Int })),
  topGrids: Type.Array(Type.Object({ id: Int, code: Type.String(), name: Type.String(), open: Int, overdue: Int })),
});
export type WallKpis = Static<typeof WallKpisSchema>;

export const WallMeasureSchema = Type.Union(WALL_MEASURES.map((m) => Type.Literal(m)));
export const HeatWindowSchema = Type.Union(HEAT_WINDOWS.map((w) => Type.Literal(w)));

export const GridValuesSchema = Type.Object({
  measure: WallMeasureSchema,
  ids: Type.Array(Int),
  values: Type.Array(Type.Number(), { description: 'households: ratio to the standard; otherwise a count' }),
});
export type GridValues = Static<typeof GridValuesSchema>;

export const WallOpenSchema = Type.Object({
  incidents: Type.Array(
    Type.Object({
      id: Type.String(),
      grade: Type.String(),
      status: Type.String(),
      lon: Type.Number(),
      lat: Type.Number(),
      reported_at: Type.String(),
      due_at: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  truncated: Type.Boolean(),
});
export type WallOpen = Static<typeof WallOpenSchema>;

export const WallUnitsSchema = Type.Object({
  ids: Type.Array(Int),
  kinds: Type.Array(Type.String()),
  lon: Type.Array(Type.Number()),
  lat: Type.Array(Type.Number()),
});
export type WallUnits = Static<typeof WallUnitsSchema>;

/** Loose on purpose: the domain's validateWallConfig gives the reasons a schema could not. */
export const WallConfigBody = Type.Record(Type.String(), Type.Unknown(), {
  description: 'see DEFAULT_WALL_CONFIG; fields left out keep their default',
});

export const WallTokenBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, description: 'a user with the wall role' }),
    days: Type.Integer({ minimum: 1, maximum: 366, default: 30 }),
    screen: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        pattern: '^[^\\u0000-\\u001f\\u007f]+$',
        description: 'a label for the screen ("Hall A, left"), listed and revoked by it; default: the user name',
      }),
    ),
  },
  { additionalProperties: false },
);

export type { HeatWindow, TourArea, WallConfig, WallMeasure } from './wall-config.ts';
