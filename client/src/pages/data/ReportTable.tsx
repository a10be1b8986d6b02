/**
 * The report's rows as a table to filter: all, repaired or rejected, and a text filter (row,
 * code, name, what or why). Clicking a row whose geometry the preview holds zooms the map to it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { filterRows, OUTCOME_LABELS, reportRows, type ReportRow, type RowFilter } from './report';
import type { ImportRun } from './useImport';

/** Rows drawn at once (the preview holds up to 5,000; the filter narrows them). */
const SHOWN = 500;

const FILTERS: [RowFilter, string][] = [
  ['all', 'All 全部'],
  ['repaired', 'Repaired 已修复'],
  ['rejected', 'Rejected 拒绝'],
];

export function ReportTable({
  run,
  selected,
  onSelect,
}: {
  run: ImportRun | null;
  selected: number | null;
  onSelect: (row: ReportRow) => void;
}) {
  const [kind, setKind] = useState<RowFilter>('all');
  const [text, setText] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  // A row chosen on the map is brought into view.
  useEffect(() => {
    if (selected !== null) scroller.current?.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const rows = useMemo(() => reportRows(run?.report ?? null), [run]);
  const shown = useMemo(() => filterRows(rows, kind, text), [rows, kind, text]);
  const counts = useMemo(
    () => ({
      all: rows.length,
      repaired: rows.filter((r) => r.outcome === 'repaired').length,
      rejected: rows.filter((r) => r.outcome === 'rejected').length,
    }),
    [rows],
  );

  return (
    <section className="data-report-table" data-testid="report-table" aria-label="Report 报告">
      <header className="data-table-head">
        <h3 className="section-title">
          Rows <span className="zh">逐行报告</span>
        </h3>
        <div className="data-seg" role="group" aria-label="Filter 筛选">
          {FILTERS.map(([k, label]) => (
            <button
              key={k}
              type="button"
              className={kind === k ? 'active' : undefined}
              aria-pressed={kind === k}
              data-testid={`report-filter-${k}`}
              onClick={() => setKind(k)}
            >
              {label} <span className="num">{counts[k]}</span>
            </button>
          ))}
        </div>
        <input
          className="data-search"
          type="search"
          placeholder="Filter 筛选: row, code, reason…"
          value={text}
          data-testid="report-search"
          onChange={(e) => setText(e.target.value)}
        />
      </header>
      {!run ? (
        <p className="muted data-empty">Check a file to see its rows here. 检查文件后在此查看逐行结果。</p>
      ) : (
        <div className="data-table-scroll" ref={scroller}>
          <table className="data-table">
            <thead>
              <tr>
                <th>Row 行</th>
                <th>Code 编码</th>
                <th>Outcome 结果</th>
                <th>What / why 说明</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, SHOWN).map((r) => (
                <tr
                  key={r.index}
                  data-outcome={r.outcome ?? ''}
                  data-index={r.index}
                  className={`${r.onMap ? 'clickable' : ''}${selected === r.index ? ' selected' : ''}`}
                  title={r.onMap ? 'Show on the map 在地图上显示' : 'No geometry 无几何'}
                  onClick={() => onSelect(r)}
                >
                  <td className="num">{r.index}</td>
                  <td className="mono">{r.code ?? '—'}</td>
                  <td>
                    <span className={`data-outcome ${r.outcome ?? ''}`}>
                      {r.outcome ? OUTCOME_LABELS[r.outcome] : ''}
                    </span>
                  </td>
                  <td>
                    {r.name && <span className="data-row-name">{r.name} </span>}
                    {r.text}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p className="muted data-empty">No rows match. 无匹配行。</p>}
          {shown.length > SHOWN && (
            <p className="muted data-empty">
              Showing {SHOWN} of {shown.length.toLocaleString()} — narrow the filter 请缩小筛选范围.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
