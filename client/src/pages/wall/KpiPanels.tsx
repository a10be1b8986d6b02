/**
 * The wall's figures: headline numbers and recharts panels (open incidents by category and by
 * grade, 24-hour and 30-day trends, the ten grids with the most open incidents). Sizes follow
 * the screen height so a 4K wall reads from across the room; no tooltips: nothing needs a hover.
 */
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Line,
  LineChart,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import type { WallKpis } from '../../api/wall';
import { formatInt, formatPercent } from '../../app/format';
import { INCIDENT_CATEGORIES } from '../../../../server/src/contract/vocabulary.ts';
import { name } from '../../app/labels';
import { cssColor, GRADE_CLASSES } from '../../layers/palette';
import './kpi-panels.css';

const AXIS = '#9fb3d1';
const GRID = '#1e2a44';

/** Chart text size in px for this screen (about 1.5 % of its height). */
export function chartFont(height: number): number {
  return Math.max(11, Math.round(height * 0.015));
}

function formatMinutes(m: number | null): string {
  if (m === null || !Number.isFinite(m)) return '—';
  if (m < 60) return `${Math.round(m)} min`;
  if (m < 48 * 60) return `${(m / 60).toFixed(1)} h`;
  return `${(m / 1440).toFixed(1)} d`;
}

export function KpiNumbers({ k }: { k: WallKpis }) {
  const tiles = [
    { id: 'today', en: 'Today', zh: '今日事件', value: formatInt(k.today), raw: k.today, tone: '' },
    { id: 'open', en: 'Open', zh: '在办', value: formatInt(k.open), raw: k.open, tone: '' },
    {
      id: 'overdue',
      en: 'Overdue',
      zh: '超时',
      value: formatInt(k.overdue),
      raw: k.overdue,
      tone: k.overdue > 0 ? 'alarm' : '',
    },
    {
      id: 'closure',
      en: 'Closure rate 30 d',
      zh: '办结率',
      value: k.closureRate === null ? '—' : formatPercent(k.closureRate),
      raw: k.closureRate ?? '',
      tone: k.closureRate !== null && k.closureRate >= 0.9 ? 'good' : 'warn',
    },
    {
      id: 'handling',
      en: 'Avg handling',
      zh: '平均办理时长',
      value: formatMinutes(k.avgHandlingMinutes),
      raw: k.avgHandlingMinutes ?? '',
      tone: '',
    },
  ];
  return (
    <div className="wall-kpis" data-testid="wall-kpis">
      {tiles.map((t) => (
        <div key={t.id} className={`wall-kpi ${t.tone}`} data-testid={`kpi-${t.id}`} data-value={String(t.raw)}>
          <div className="wall-kpi-value">{t.value}</div>
          <div className="wall-kpi-label">
            {t.en} <span className="zh">{t.zh}</span>
          </div>
        </div>
      ))}
    </div>
  );
}

function Panel({ id, en, zh, children }: { id: string; en: string; zh: string; children: React.ReactNode }) {
  return (
    <section className="wall-panel" data-testid={`panel-${id}`}>
      <h2>
        {en} <span className="zh">{zh}</span>
      </h2>
      <div className="wall-panel-body">{children}</div>
    </section>
  );
}

/** Characters of the longest Chinese category name: the axis keeps room for all of it. */
const LONGEST_CATEGORY = Math.max(...Object.values(INCIDENT_CATEGORIES).map((c) => c.zh.length));

export function CategoryPanel({ k, font }: { k: WallKpis; font: number }) {
  const data = Object.entries(k.byCategory)
    .map(([c, n]) => ({ name: name(INCIDENT_CATEGORIES, c).zh || c, n }))
    .sort((a, b) => b.n - a.n);
  return (
    <Panel id="category" en="Open by category" zh="分类">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: font * 3, bottom: 0, left: 0 }}>
          <XAxis type="number" hide />
          <YAxis
            type="category"
            dataKey="name"
            width={font * (LONGEST_CATEGORY + 0.5)}
            tick={{ fill: AXIS, fontSize: font }}
            axisLine={false}
            tickLine={false}
            interval={0}
          />
          <Bar
            dataKey="n"
            fill="#38bdf8"
            isAnimationActive={false}
            label={{ position: 'right', fill: '#e2e8f0', fontSize: font }}
          />
        </BarChart>
      </ResponsiveContainer>
    </Panel>
  );
}

export function GradePanel({ k, font }: { k: WallKpis; font: number }) {
  const data = (['routine', 'key', 'difficult'] as const).map((g) => ({
    name: GRADE_CLASSES[g].labelZh,
    g,
    n: k.byGrade[g] ?? 0,
  }));
  return (
    <Panel id="grade" en="Open by grade" zh="分级">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: font * 1.4, right: 4, bottom: 0, left: 4 }}>
          <XAxis dataKey="name" tick={{ fill: AXIS, fontSize: font }} axisLine={false} tickLine={false} />
          <YAxis hide />
          <Bar dataKey="n" isAnimationActive={false} label={{ position: 'top', fill: '#e2e8f0', fontSize: font }}>
            {data.map((d) => (
              <Cell key={d.g} fill={cssColor(GRADE_CLASSES[d.g].color)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </Panel>
  );
}

export function Trend24hPanel({ k, font }: { k: WallKpis; font: number }) {
  const nowHour = new Date().getHours();
  const data = k.trend24h.map((n, i) => ({ h: `${String((nowHour - 23 + i + 48) % 24).padStart(2, '0')}`, n }));
  return (
    <Panel id="trend24h" en="Last 24 hours" zh="24小时趋势">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="h" tick={{ fill: AXIS, fontSize: font }} interval={5} axisLine={false} tickLine={false} />
          <YAxis
            tick={{ fill: AXIS, fontSize: font }}
            width={font * 3}
            axisLine={false}
            tickLine={false}
            allowDecimals={false}
          />
          <Area
            dataKey="n"
            stroke="#22d3ee"
            fill="#22d3ee"
            fillOpacity={0.25}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </Panel>
  );
}

export function Trend30dPanel({ k, font }: { k: WallKpis; font: number }) {
  const data = k.trend30d.map((d) => ({ ...d, label: d.day.slice(5) }));
  return (
    <Panel id="trend30d" en="Last 30 days: reported / closed" zh="30日 上报/办结">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={{ fill: AXIS, fontSize: font }} interval={6} axisLine={false} tickLine={false} />
          <YAxis
            tick={{ fill: AXIS, fontSize: font }}
            width={font * 3.2}
            axisLine={false}
            tickLine={false}
            allowDecimals={false}
          />
          <Line dataKey="reported" stroke="#f97316" strokeWidth={2.5} dot={false} isAnimationActive={false} />
          <Line dataKey="closed" stroke="#34d399" strokeWidth={2.5} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </Panel>
  );
}

export function TopGridsPanel({ k }: { k: WallKpis }) {
  const max = Math.max(1, ...k.topGrids.map((g) => g.open));
  return (
    <Panel id="top-grids" en="Top 10 grids by open load" zh="在办事件最多的网格">
      <ol className="wall-top">
        {k.topGrids.map((g) => (
          <li key={g.id} data-testid="top-grid" data-grid-id={g.id} data-open={g.open}>
            <span className="wall-top-name">{g.name}</span>
            <span className="wall-top-bar" style={{ width: `${(g.open / max) * 100}%` }} />
            <span className="wall-top-n">
              {g.open}
              {g.overdue > 0 && <em> · {g.overdue}⚠</em>}
            </span>
          </li>
        ))}
      </ol>
    </Panel>
  );
}
