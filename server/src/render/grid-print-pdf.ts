/**
 * The printable grid map: one A4 page per grid, the public notice board (公示牌) of DOMAIN.md —
 * the grid drawn over its streets and buildings with its neighbours named, the grid worker's name
 * and phone, the figures, a scale bar and north arrow. Chinese text uses the system's Noto Sans
 * CJK (no web fonts); without it the page falls back to Helvetica and pinyin names.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';

const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const CJK_FAMILY = 'NotoSansCJKsc-Regular';

type Ring = number[][];
type Geo = { type: string; coordinates: unknown };

export interface PrintMap {
  grid: {
    code: string;
    name: string;
    type: string;
    households: number;
    population: number;
    version: number;
    updated_at: string;
    area_km2: number;
    geometry: Geo;
  };
  community: { name: string; name_zh: string; street_office: string; district: string };
  worker: { name: string; phone: string | null } | null;
  bbox: [number, number, number, number];
  neighbours: { code: string; name: string; geometry: Geo; label: { coordinates: number[] } }[];
  roads: { class: string; name: string | null; geometry: Geo }[];
  buildings: Geo[];
  places: { name: string; kind: string; geometry: { coordinates: number[] } }[];
}

/** Polygons of a Polygon/MultiPolygon as rings. */
const polygons = (g: Geo): Ring[][] => (g.type === 'Polygon' ? [g.coordinates as Ring[]] : (g.coordinates as Ring[][]));

export function renderGridPdf(m: PrintMap): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 36,
    info: { Title: `${m.grid.name} ${m.grid.code}`, Author: 'Gridboard' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const cjk = fs.existsSync(CJK_FONT);
  if (cjk) doc.registerFont('cjk', CJK_FONT, CJK_FAMILY);
  const font = cjk ? 'cjk' : 'Helvetica';
  const zh = (s: string | null | undefined, fallback: string) => (cjk ? (s ?? fallback) : fallback);

  const W = doc.page.width;
  const left = 36;
  const width = W - 72;
  doc.font(font).fontSize(22).fillColor('#102a43').text(zh(m.grid.name, m.grid.code), left, 36, { width });
  doc
    .fontSize(11)
    .fillColor('#486581')
    .text(
      `${m.grid.code} · ${zh(`${m.community.district} ${m.community.street_office} ${m.community.name_zh}`, m.community.name)}`,
      { width },
    );

  // The map: equirectangular around the box's centre, fitted into a square frame.
  const [x0, y0, x1, y1] = m.bbox;
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const frame = { x: left, y: 100, w: width, h: width };
  const s = Math.min(frame.w / ((x1 - x0) * k), frame.h / (y1 - y0));
  const ox = frame.x + (frame.w - (x1 - x0) * k * s) / 2;
  const oy = frame.y + (frame.h - (y1 - y0) * s) / 2;
  const P = (c: number[]): [number, number] => [ox + (c[0] - x0) * k * s, oy + (y1 - c[1]) * s];
  const path = (rings: Ring[]) => {
    for (const ring of rings) ring.forEach((c, i) => (i ? doc.lineTo(...P(c)) : doc.moveTo(...P(c))));
    doc.closePath();
  };

  doc.save();
  doc.rect(frame.x, frame.y, frame.w, frame.h).clip();
  doc.rect(frame.x, frame.y, frame.w, frame.h).fill('#f4f1ea');
  for (const n of m.neighbours)
    for (const poly of polygons(n.geometry)) {
      path(poly);
      doc.fill('#e9e4d8');
    }
  for (const poly of polygons(m.grid.geometry)) {
    path(poly);
    doc.fill('#dbeafe');
  }
  for (const b of m.buildings)
    for (const poly of polygons(b)) {
      path(poly);
      doc.fill('#c9c1b3');
    }
  for (const r of m.roads) {
    const line = r.geometry.coordinates as number[][];
    line.forEach((c, i) => (i ? doc.lineTo(...P(c)) : doc.moveTo(...P(c))));
    doc
      .lineWidth(r.class === 'arterial' ? 4 : r.class === 'secondary' ? 2.5 : 1.2)
      .strokeColor('#ffffff')
      .stroke();
  }
  for (const n of m.neighbours) {
    for (const poly of polygons(n.geometry)) {
      path(poly);
      doc.lineWidth(0.8).strokeColor('#9aa5b1').dash(3, { space: 2 }).stroke().undash();
    }
    const [lx, ly] = P(n.label.coordinates);
    doc
      .font(font)
      .fontSize(8)
      .fillColor('#7b8794')
      .text(zh(n.name, n.code), lx - 50, ly - 4, { width: 100, align: 'center' });
  }
  for (const poly of polygons(m.grid.geometry)) {
    path(poly);
    doc.lineWidth(3).strokeColor('#d64545').stroke();
  }
  for (const p of m.places) {
    const [px, py] = P(p.geometry.coordinates);
    doc.circle(px, py, 4).fill('#1f2933');
    doc
      .font(font)
      .fontSize(9)
      .fillColor('#1f2933')
      .text(zh(p.name, p.kind), px + 6, py - 5, { width: 140 });
  }
  doc.restore();
  doc.rect(frame.x, frame.y, frame.w, frame.h).lineWidth(1).strokeColor('#334e68').stroke();

  // North arrow and a scale bar of a round length.
  const nx = frame.x + frame.w - 24;
  const ny = frame.y + 18;
  doc
    .moveTo(nx, ny - 10)
    .lineTo(nx - 7, ny + 10)
    .lineTo(nx, ny + 5)
    .lineTo(nx + 7, ny + 10)
    .closePath()
    .fill('#102a43');
  doc
    .font('Helvetica-Bold')
    .fontSize(9)
    .fillColor('#102a43')
    .text('N', nx - 4, ny + 12);
  const metresPerPt = 111_320 / s;
  const nice = [50, 100, 200, 250, 500, 1000, 2000, 5000].find((v) => v / metresPerPt > 60) ?? 10000;
  const len = nice / metresPerPt;
  const sx = frame.x + 12;
  const sy = frame.y + frame.h - 16;
  doc.rect(sx - 4, sy - 12, len + 50, 20).fill('#ffffff');
  doc
    .moveTo(sx, sy)
    .lineTo(sx + len, sy)
    .lineWidth(2)
    .strokeColor('#102a43')
    .stroke();
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor('#102a43')
    .text(nice >= 1000 ? `${nice / 1000} km` : `${nice} m`, sx + len + 4, sy - 4);

  // The notice: who looks after this grid, and what is in it.
  const ty = frame.y + frame.h + 16;
  doc
    .font(font)
    .fontSize(13)
    .fillColor('#102a43')
    .text(cjk ? '网格员 Grid worker' : 'Grid worker', left, ty);
  doc.fontSize(20).text(m.worker ? zh(m.worker.name, m.worker.name) : '—', left, ty + 18);
  doc
    .fontSize(12)
    .fillColor('#334e68')
    .text(m.worker?.phone ? `☎ ${m.worker.phone}` : '', left, ty + 46);
  const facts = [
    [cjk ? '户数 Households' : 'Households', m.grid.households.toLocaleString('en')],
    [cjk ? '人口 Population' : 'Population', m.grid.population.toLocaleString('en')],
    [cjk ? '面积 Area' : 'Area', `${m.grid.area_km2} km²`],
    [cjk ? '版本 Version' : 'Version', `${m.grid.version} · ${m.grid.updated_at.slice(0, 10)}`],
  ];
  facts.forEach(([k2, v], i) => {
    doc
      .font(font)
      .fontSize(10)
      .fillColor('#627d98')
      .text(k2, left + width / 2, ty + i * 18, { width: width / 4 });
    doc
      .font(font)
      .fontSize(11)
      .fillColor('#102a43')
      .text(v, left + (3 * width) / 4, ty + i * 18, { width: width / 4, align: 'right' });
  });
  doc.end();
  return done;
}
