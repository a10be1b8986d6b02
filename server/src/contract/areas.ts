/** The administrative tree (GET /api/areas): districts → street offices → communities with their extents. */
import { Type, type Static } from 'typebox';

export const AreaLevel = Type.Union([
  Type.Literal('district'),
  Type.Literal('street_office'),
  Type.Literal('community'),
]);
export type AreaLevel = Static<typeof AreaLevel>;

export const Area = Type.Object({
  level: AreaLevel,
  id: Type.Integer(),
  parent_id: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The district of a street office, the street office of a community',
  }),
  code: Type.String(),
  name: Type.String(),
  name_zh: Type.String(),
  bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
    description: '[minLon, minLat, maxLon, maxLat]',
  }),
});
export type Area = Static<typeof Area>;

export const AreasResponse = Type.Object({ areas: Type.Array(Area) });
export type AreasResponse = Static<typeof AreasResponse>;
