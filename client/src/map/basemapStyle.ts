/**
 * The offline basemap: a MapLibre style built at runtime for the page's own origin, drawing the
 * city's own data (land use, water, roads, buildings) from one vector source. Dark and quiet so
 * that the grids and incidents drawn over it carry the picture.
 *
 * No `glyphs`, no `sprite`, no symbol layers: nothing is fetched but our own tiles. Labels, where
 * needed, are drawn by deck.gl from the system fonts.
 */
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';

export const BASEMAP_SOURCE_ID = 'city';

/** Colours of the basemap, named for what they paint. */
export const BASEMAP_COLORS = {
  background: '#070c17',
  landuse: {
    residential: '#111a2c',
    commercial: '#161a31',
    industrial: '#151923',
    public: '#121c2e',
    park: '#0d2220',
    farmland: '#0f1d19',
    forest: '#0c2119',
  },
  water: '#0b2846',
  waterEdge: '#15426e',
  roads: {
    rural: '#28323f',
    lane: '#232e42',
    secondary: '#34425e',
    arterial: '#4d5f84',
  },
  buildings: {
    residential: '#1b2539',
    rural_house: '#1a2430',
    commercial: '#21233c',
    public: '#1a2840',
    industrial: '#1f2330',
  },
  buildingEdge: '#2a3754',
} as const;

/** `match` on a feature property with a colour per value and a fallback. */
function matchColor(property: string, colors: Record<string, string>, fallback: string): ExpressionSpecification {
  const pairs = Object.entries(colors).flat();
  return ['match', ['get', property], ...pairs, fallback] as unknown as ExpressionSpecification;
}

/** Line width in pixels by zoom, growing exponentially: [zoom, width] stops. */
function widthByZoom(stops: [number, number][]): ExpressionSpecification {
  return ['interpolate', ['exponential', 1.6], ['zoom'], ...stops.flat()] as unknown as ExpressionSpecification;
}

export function buildBasemapStyle(origin: string): StyleSpecification {
  const c = BASEMAP_COLORS;
  const road = (cls: keyof typeof c.roads, minzoom: number, stops: [number, number][]) => ({
    id: `roads-${cls}`,
    type: 'line' as const,
    source: BASEMAP_SOURCE_ID,
    'source-layer': 'roads',
    minzoom,
    filter: ['==', ['get', 'class'], cls] as ExpressionSpecification,
    layout: { 'line-cap': 'round' as const, 'line-join': 'round' as const },
    paint: { 'line-color': c.roads[cls], 'line-width': widthByZoom(stops) },
  });

  return {
    version: 8,
    name: 'Gridboard dark',
    sources: {
      [BASEMAP_SOURCE_ID]: {
        type: 'vector',
        tiles: [`${origin}/tiles/basemap/{z}/{x}/{y}.mvt`],
        minzoom: 0,
        maxzoom: 16,
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': c.background } },
      {
        id: 'landuse',
        type: 'fill',
        source: BASEMAP_SOURCE_ID,
        'source-layer': 'landuse',
        paint: {
          'fill-color': matchColor('kind', c.landuse, c.landuse.residential),
          'fill-antialias': false,
        },
      },
      {
        id: 'water',
        type: 'fill',
        source: BASEMAP_SOURCE_ID,
        'source-layer': 'water',
        paint: { 'fill-color': c.water },
      },
      {
        id: 'water-edge',
        type: 'line',
        source: BASEMAP_SOURCE_ID,
        'source-layer': 'water',
        minzoom: 11,
        paint: {
          'line-color': c.waterEdge,
          'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.4, 16, 1.2],
        },
      },
      road('rural', 9, [
        [9, 0.4],
        [13, 1.2],
        [16, 3],
        [19, 10],
      ]),
      road('lane', 13, [
        [13, 0.4],
        [15, 1.4],
        [17, 4],
        [19, 10],
      ]),
      road('secondary', 10, [
        [10, 0.5],
        [13, 1.4],
        [16, 5],
        [19, 16],
      ]),
      road('arterial', 8, [
        [8, 0.6],
        [12, 1.8],
        [15, 5],
        [19, 24],
      ]),
      {
        id: 'buildings',
        type: 'fill',
        source: BASEMAP_SOURCE_ID,
        'source-layer': 'buildings',
        minzoom: 14,
        paint: {
          'fill-color': matchColor('use', c.buildings, c.buildings.residential),
          'fill-outline-color': c.buildingEdge,
          'fill-opacity': ['interpolate', ['linear'], ['zoom'], 14, 0, 14.6, 0.95],
        },
      },
    ],
  };
}
