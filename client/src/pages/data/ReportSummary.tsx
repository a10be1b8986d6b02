/**
 * What a check or an import found: a refusal (and why), the counts, and the warnings — shown
 * first, since they name a likely wrong CRS or encoding; a warning that suggests `--crs X` or
 * `--encoding X` gets a button that sets it and checks again.
 */
import type { ImportReport } from '../../api/imports';
import { OUTCOME_COLORS, suggestedFixes, type Outcome, type SuggestedFix } from './report';
import type { ImportRun } from './useImport';

const css = (c: readonly number[]) => `rgb(${c[0]},${c[1]},${c[2]})`;

export function ReportSummary({
  run,
  busy,
  onFix,
}: {
  run: ImportRun;
  busy: boolean;
  onFix: (fix: SuggestedFix) => void;
}) {
  const r = run.report;
  const title =
    run.kind === 'check' ? (
      <>
        Check <span className="zh">检查结果</span>
      </>
    ) : (
      <>
        Imported <span className="zh">导入结果</span>
      </>
    );
  return (
    <section className="panel-section" data-testid="import-report" data-kind={run.kind}>
      <h3 className="section-title">{title}</h3>
      <div className="data-report-meta muted">
        {r.file} · {r.layer} · {r.crs}
        {r.encoding ? ` · ${r.encoding}` : ''} · {r.seconds.toFixed(1)} s{r.id !== null ? ` · #${r.id}` : ''}
      </div>
      {run.refused ? (
        <div className="notice notice-error" role="alert" data-testid="import-refused">
          <strong>Refused 已拒绝:</strong> {run.refused}
          {r.problems.length > 0 && <> — {r.problems.length} place(s) in red on the map 地图上红色标出</>}
        </div>
      ) : run.kind === 'check' ? (
        <div className="notice" data-testid="import-dry-run">
          A dry run: nothing was saved. 试运行，未保存。 Import 导入 commits it.
        </div>
      ) : (
        <div className="notice" data-testid="import-done">
          Saved 已保存 — undo it in the history below 可在下方历史中撤销.
        </div>
      )}
      <Warnings warnings={r.warnings} busy={busy} onFix={onFix} />
      <Counts report={r} />
    </section>
  );
}

function Warnings({
  warnings,
  busy,
  onFix,
}: {
  warnings: readonly string[];
  busy: boolean;
  onFix: (fix: SuggestedFix) => void;
}) {
  if (!warnings.length) return null;
  return (
    <ul className="data-warnings" data-testid="import-warnings">
      {warnings.map((w, i) => (
        <li key={i} className="notice notice-warn" role="alert">
          <span>⚠ {w}</span>
          {suggestedFixes(w).map((fix) => (
            <button
              key={`${fix.option}-${fix.value}`}
              type="button"
              className="btn-primary data-fix"
              data-testid="import-fix"
              disabled={busy}
              onClick={() => onFix(fix)}
            >
              Use {fix.option === 'crs' ? 'CRS' : 'encoding'} {fix.value} and check again 使用并重新检查
            </button>
          ))}
        </li>
      ))}
    </ul>
  );
}

function Counts({ report: r }: { report: ImportReport }) {
  const cells: [string, string, number, Outcome | null][] = [
    ['read', 'Read 读取', r.read, null],
    ['inserted', 'Inserted 新增', r.inserted, 'inserted'],
    ['updated', 'Updated 更新', r.updated, 'updated'],
    ['unchanged', 'Unchanged 未变', r.unchanged, 'unchanged'],
    ['repaired', 'Repaired 修复', r.repaired.length, 'repaired'],
    ['rejected', 'Rejected 拒绝', r.rejected.length, 'rejected'],
  ];
  return (
    <dl className="data-counts" data-testid="import-counts">
      {cells.map(([key, label, n, outcome]) => (
        <div key={key} data-count={key} className={outcome && n > 0 ? `has-${outcome}` : undefined}>
          <dt>
            {outcome && <i style={{ background: css(OUTCOME_COLORS[outcome]) }} />}
            {label}
          </dt>
          <dd className="num">{n.toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}
