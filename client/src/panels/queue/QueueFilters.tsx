/** The live queue's filters: grade, status, category, area (district or community) and overdue only. */
import { useMemo } from 'react';
import type { Area } from '../../api/incidents';
import { name } from '../../app/labels';
import { GRADE_CLASSES, cssColor } from '../../layers/palette';
import { QUEUE_STATUSES, type Grade, type QueueFilter } from '../../state/queue';
import { CATEGORY_KEYS, INCIDENT_CATEGORIES, STATUS_NAMES } from '../../../../server/src/contract/vocabulary.ts';
import '../fields.css';
import './filters.css';

/** Grade buttons, most serious first. */
const GRADES: Grade[] = ['difficult', 'key', 'routine'];

export interface QueueFiltersProps {
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
  areas: Area[];
}

export function QueueFilters({ filter, onFilter, areas }: QueueFiltersProps) {
  const set = (patch: Partial<QueueFilter>) => onFilter({ ...filter, ...patch });
  const filtered = isFiltered(filter);
  return (
    <div className="cq-filters">
      <div className="cq-grades" role="group" aria-label="Grade 等级">
        <button
          type="button"
          className={!filter.grade ? 'active' : ''}
          onClick={() => set({ grade: null })}
          data-testid="filter-grade-all"
        >
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
            {GRADE_CLASSES[g].label} <span className="zh">{GRADE_CLASSES[g].labelZh}</span>
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
            {CATEGORY_KEYS.map((c) => (
              <option key={c} value={c}>
                {INCIDENT_CATEGORIES[c].en} {INCIDENT_CATEGORIES[c].zh}
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
            onClick={() =>
              onFilter({
                status: null,
                grade: null,
                category: null,
                district: null,
                community: null,
                overdueOnly: false,
              })
            }
          >
            Clear filters 清除
          </button>
        )}
      </div>
    </div>
  );
}

/** Whether any filter narrows the queue. */
export function isFiltered(filter: QueueFilter): boolean {
  return Boolean(
    filter.status || filter.grade || filter.category || filter.district || filter.community || filter.overdueOnly,
  );
}

function AreaSelect({
  areas,
  filter,
  onChange,
}: {
  areas: Area[];
  filter: QueueFilter;
  onChange: (district: number | null, community: number | null) => void;
}) {
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
          <option value={`d:${district.id}`}>All of {district.name_zh} 全区</option>
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
