/** The console's left column: the live queue, most urgent first, with its filters. */
import { memo, useEffect, useMemo, useRef } from 'react';
import type { Area } from '../api/incidents';
import type { IncidentCategory, IncidentStatus } from '../api/types';
import { age, dueLabel } from '../app/durations';
import { useNow } from '../app/useNow';
import { GRADE_CLASSES, cssColor } from '../layers/palette';
import { CATEGORY_NAMES, STATUS_NAMES, name } from '../layers/vocabulary';
import { QUEUE_STATUSES, type Grade, type QueueFilter, type QueueItem } from '../state/queue';
import { useConsole } from '../state/consoleStore';
import { indexAreas, placeOf, type AreaIndex } from './places';
import './console.css';

const GRADES: Grade[] = ['difficult', 'key', 'routine'];

export interface QueuePanelProps {
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
  onSelect: (id: string) => void;
}

export function QueuePanel({ filter, onFilter, onSelect }: QueuePanelProps) {
  const order = useConsole((s) => s.queue.order);
  const byId = useConsole((s) => s.queue.byId);
  const status = useConsole((s) => s.queueStatus);
  const areas = useConsole((s) => s.areas);
  const selectedId = useConsole((s) => s.selectedId);
  const alerts = useConsole((s) => s.alerts);
  const now = useNow(15_000);

  const items = useMemo(() => order.map((id) => byId[id]).filter(Boolean), [order, byId]);
  const index = useMemo(() => indexAreas(areas), [areas]);
  const fresh = useMemo(() => new Set(alerts.filter((a) => a.kind === 'created').map((a) => a.incident.id)), [alerts]);
  const counts = useMemo(() => {
    let overdue = 0;
    let serious = 0;
    for (const i of items) {
      if (i.overdue) overdue++;
      if (i.grade !== 'routine') serious++;
    }
    return { overdue, serious };
  }, [items]);

  const set = (patch: Partial<QueueFilter>) => onFilter({ ...filter, ...patch });
  const filtered =
    filter.status || filter.grade || filter.category || filter.district || filter.community || filter.overdueOnly;

  return (
    <section className="cq" aria-label="Incident queue 事件队列" data-testid="queue">
      <header className="cq-head">
        <h2 className="cq-title">
          Live queue <span className="zh">事件队列</span>
        </h2>
        {status.status === 'loading' && status.at !== undefined && <span className="spinner small" aria-label="Refreshing 刷新中" />}
      </header>
      <div className="cq-stats">
        <span className="cq-stat" title="Open incidents in the queue 在办事件">
          <b data-testid="queue-count">{items.length}</b>
          <span>
            Open <span className="zh">在办</span>
          </span>
        </span>
        <span className={`cq-stat ${counts.overdue ? 'is-alert' : ''}`} title="Current step past its due time 环节超时">
          <b data-testid="queue-overdue">{counts.overdue}</b>
          <span>
            Overdue <span className="zh">超时</span>
          </span>
        </span>
        <span className={`cq-stat ${counts.serious ? 'is-warn' : ''}`} title="Key and difficult grades 重点/疑难">
          <b>{counts.serious}</b>
          <span>
            Key+ <span className="zh">重点/疑难</span>
          </span>
        </span>
      </div>

      <div className="cq-filters">
        <div className="cq-grades" role="group" aria-label="Grade 等级">
          <button type="button" className={!filter.grade ? 'active' : ''} onClick={() => set({ grade: null })} data-testid="filter-grade-all">
            All <span className="zh">全部</span>
          </button>
          {GRADES.map((g) => (
            <button
              key={g}
              type="button"
              className={filter.grade === g ? 'active' : ''}
              onClick={() => set({ grade: filter.grade === g ? null : g })}
              aria-pressed={filter.grade === g}
              data-testid={`filter-grade-${g}`}
            >
              <span className="cq-dot" style={{ background: cssColor(GRADE_CLASSES[g].color) }} />
              {GRADE_CLASSES[g].label} <span className="zh">{GRADE_CLASSES[g].labelZh.replace('哨', '')}</span>
            </button>
          ))}
        </div>
        <div className="cq-selects">
          <label className="cq-field">
            <span>Status 状态</span>
            <select
              value={filter.status ?? ''}
              onChange={(e) => set({ status: (e.target.value || null) as QueueFilter['status'] })}
              data-testid="filter-status"
            >
              <option value="">All open 全部在办</option>
              {QUEUE_STATUSES.map((s) => {
                const n = name(STATUS_NAMES, s);
                return (
                  <option key={s} value={s}>
                    {n.en} {n.zh}
                  </option>
                );
              })}
            </select>
          </label>
          <label className="cq-field">
            <span>Category 类别</span>
            <select
              value={filter.category ?? ''}
              onChange={(e) => set({ category: (e.target.value || null) as QueueFilter['category'] })}
              data-testid="filter-category"
            >
              <option value="">All 全部</option>
              {(Object.keys(CATEGORY_NAMES) as IncidentCategory[]).map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_NAMES[c].en} {CATEGORY_NAMES[c].zh}
                </option>
              ))}
            </select>
          </label>
          <label className="cq-field cq-field-wide">
            <span>Area 区域</span>
            <AreaSelect areas={areas} filter={filter} onChange={(district, community) => set({ district, community })} />
          </label>
        </div>
        <div className="cq-filter-foot">
          <label className={`cq-check ${filter.overdueOnly ? 'on' : ''}`}>
            <input
              type="checkbox"
              checked={filter.overdueOnly}
              onChange={(e) => set({ overdueOnly: e.target.checked })}
              data-testid="filter-overdue"
            />
            <span className="cq-box" aria-hidden="true" />
            Overdue only <span className="zh">仅看超时</span>
          </label>
          {filtered && (
            <button
              type="button"
              className="cq-clear"
              onClick={() => onFilter({ status: null, grade: null, category: null, district: null, community: null, overdueOnly: false })}
            >
              Clear filters 清除
            </button>
          )}
        </div>
      </div>

      {status.status === 'error' && (
        <div className="notice notice-error compact cq-notice" role="alert">
          The queue could not be loaded: {status.message} <span className="zh">队列加载失败，自动重试</span>
        </div>
      )}

      <ol className="cq-list" data-testid="queue-list" aria-busy={status.status === 'loading'}>
        {items.map((i) => (
          <QueueRow
            key={i.id}
            item={i}
            now={now}
            index={index}
            selected={i.id === selectedId}
            fresh={fresh.has(i.id)}
            onSelect={onSelect}
          />
        ))}
        {items.length === 0 && (status.status === 'ready' || status.status === 'loading') && (
          <li className="cq-empty">
            {status.status === 'loading' && !status.at ? (
              <>
                <span className="spinner" aria-hidden="true" /> Loading the queue… <span className="zh">加载中</span>
              </>
            ) : (
              <>
                No open incidents {filtered ? 'match these filters' : ''} <span className="zh">暂无在办事件</span>
              </>
            )}
          </li>
        )}
      </ol>
    </section>
  );
}

interface QueueRowProps {
  item: QueueItem;
  now: number;
  index: AreaIndex;
  selected: boolean;
  fresh: boolean;
  onSelect: (id: string) => void;
}

const QueueRow = memo(function QueueRow({ item, now, index, selected, fresh, onSelect }: QueueRowProps) {
  const grade = GRADE_CLASSES[item.grade];
  const category = name(CATEGORY_NAMES, item.category);
  const status = name(STATUS_NAMES, item.status as IncidentStatus);
  const due = dueLabel(item.due_at, now, item.overdue);
  const place = placeOf(index, item);
  // A row selected elsewhere (an alert, the map) scrolls into view; the focus stays where it is.
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const classes = ['cq-row', `grade-${item.grade}`, selected && 'selected', item.overdue && 'overdue', fresh && 'fresh']
    .filter(Boolean)
    .join(' ');
  return (
    <li>
      <button
        ref={ref}
        type="button"
        className={classes}
        onClick={() => onSelect(item.id)}
        aria-current={selected ? 'true' : undefined}
        data-testid="queue-row"
        data-id={item.id}
        data-grade={item.grade}
        data-status={item.status}
        data-overdue={item.overdue ? 'true' : 'false'}
        data-community={item.community_id ?? ''}
        style={{ ['--grade' as string]: cssColor(grade.color) }}
      >
        <span className="cq-row-main">
          <span className="cq-cat">
            {category.en} <span className="zh">{category.zh}</span>
          </span>
          <span className={`cq-due ${due?.overdue ? 'is-overdue' : due?.soon ? 'is-soon' : ''}`} title={due ? `${due.en} · ${due.zh}` : undefined}>
            {due ? due.en : '—'}
          </span>
        </span>
        <span className="cq-row-sub">
          <span className="cq-grade">{grade.label}</span>
          <span className={`cq-status status-${item.status}`}>{status.en}</span>
          <span className="cq-place" title={place ? `${place.path.en}\n${place.path.zh}` : undefined}>
            {place ? place.short.zh : '—'}
          </span>
          <span className="cq-age" title={`Reported ${item.reported_at}`}>
            {age(item.reported_at, now)}
          </span>
        </span>
      </button>
    </li>
  );
});

function AreaSelect({ areas, filter, onChange }: { areas: Area[]; filter: QueueFilter; onChange: (district: number | null, community: number | null) => void }) {
  const tree = useMemo(() => {
    const districts = areas.filter((a) => a.level === 'district');
    const offices = areas.filter((a) => a.level === 'street_office');
    const communities = areas.filter((a) => a.level === 'community');
    return districts.map((d) => ({
      district: d,
      offices: offices
        .filter((o) => o.parent_id === d.id)
        .map((o) => ({ office: o, communities: communities.filter((c) => c.parent_id === o.id) })),
    }));
  }, [areas]);
  const value = filter.community ? `c:${filter.community}` : filter.district ? `d:${filter.district}` : '';
  return (
    <select
      value={value}
      data-testid="filter-area"
      onChange={(e) => {
        const v = e.target.value;
        if (!v) return onChange(null, null);
        const id = Number(v.slice(2));
        if (v.startsWith('d:')) return onChange(id, null);
        const community = areas.find((a) => a.level === 'community' && a.id === id);
        const office = community && areas.find((a) => a.level === 'street_office' && a.id === community.parent_id);
        onChange(office?.parent_id ?? null, id);
      }}
    >
      <option value="">Whole city 全市</option>
      {tree.map(({ district, offices }) => (
        <optgroup key={district.id} label={`${district.name} ${district.name_zh}`}>
          <option value={`d:${district.id}`}>
            All of {district.name_zh} 全区
          </option>
          {offices.flatMap(({ office, communities }) =>
            communities.map((c) => (
              <option key={c.id} value={`c:${c.id}`}>
                {office.name_zh} › {c.name_zh}
              </option>
            )),
          )}
        </optgroup>
      ))}
    </select>
  );
}
