/**
 * The phone's basemap: the same offline tiles as the wall, painted light and with strong roads,
 * so that it reads in sunlight. Built from the dark style by recolouring its layers.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { buildBasemapStyle } from '../map/basemapStyle';

const LIGHT: Record<string, Record<string, unknown>> = {
  background: { 'background-color': '#f3efe6' },
  landuse: { 'fill-color': '#e9e3d6' },
  water: { 'fill-color': '#a7cbea' },
  'water-edge': { 'line-color': '#6f9fcc' },
  'roads-rural': { 'line-color': '#c8bfae' },
  'roads-lane': { 'line-color': '#ffffff' },
  'roads-secondary': { 'line-color': '#fffaf0' },
  'roads-arterial': { 'line-color': '#f6c76b' },
  buildings: { 'fill-color': '#d6cdbd', 'fill-outline-color': '#b3a791' },
};

export function lightBasemapStyle(origin: string): StyleSpecification {
  const style = buildBasemapStyle(origin);
  style.name = 'Gridboard field (light)';
  style.layers = style.layers.map((layer) =>
    LIGHT[layer.id] ? ({ ...layer, paint: { ...layer.paint, ...LIGHT[layer.id] } } as typeof layer) : layer,
  );
  return style;
}

/** A circle of `radius` metres around a point, as a polygon (the GPS accuracy shown on the map). */
export function circlePolygon(lon: number, lat: number, radius: number, steps = 48): GeoJSON.Polygon {
  const ring: [number, number][] = [];
  const dLat = radius / 111_320;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  for (let i = 0; i <= steps; i++) {
    const a = (i / steps) * 2 * Math.PI;
    ring.push([lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}
