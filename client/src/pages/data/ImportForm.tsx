/**
 * The import form: drop or pick a file (a Shapefile's files come as one .zip), the layer, the
 * coordinate system, the encoding and the snap distance; Check 检查 (dry run) and Import 导入;
 * the upload's and the server's progress while it works.
 */
import { useState, type DragEvent } from 'react';
import {
  CRS_CHOICES,
  CRS_LABELS,
  ENCODINGS,
  ENCODING_LABELS,
  IMPORT_LAYERS,
  LAYER_LABELS,
  type CrsChoice,
  type Encoding,
  type ImportLayer,
  type ImportOptions,
} from './options';
import type { ImportState } from './useImport';

const ACCEPT = '.zip,.shp,.gpkg,.kml,.kmz,.geojson,.json,.csv,.xlsx,.osm,.pbf';

const STAGES = {
  reading: 'Reading 读取',
  checking: 'Checking 检查',
  merging: 'Merging 合并',
  done: 'Done 完成',
} as const;

export function ImportForm(p: {
  state: ImportState;
  onFile: (f: File | null) => void;
  onOptions: (o: ImportOptions) => void;
  onCheck: () => void;
  onImport: () => void;
  onCancel: () => void;
}) {
  const { file, options: o, phase, run } = p.state;
  const busy = phase !== 'idle';
  const set = (patch: Partial<ImportOptions>) => p.onOptions({ ...o, ...patch });
  // Import commits what was checked: a dry run of this very file and these options that was not refused.
  const checked = run?.kind === 'check' && run.file === file && run.options === o && !run.refused;

  return (
    <section className="panel-section" data-testid="import-form">
      <h3 className="section-title">
        Import <span className="zh">导入</span>
      </h3>
      <DropZone file={file} onFile={p.onFile} disabled={busy} />
      <label className="data-field">
        <span>Layer 图层</span>
        <select
          data-testid="import-layer"
          value={o.layer}
          disabled={busy}
          onChange={(e) => set({ layer: e.target.value as ImportLayer })}
        >
          {IMPORT_LAYERS.map((l) => (
            <option key={l} value={l}>
              {LAYER_LABELS[l]}
            </option>
          ))}
        </select>
      </label>
      <div className="data-row">
        <label className="data-field">
          <span>Coordinates 坐标系</span>
          <select
            data-testid="import-crs"
            value={o.crs}
            disabled={busy}
            onChange={(e) => set({ crs: e.target.value as CrsChoice })}
          >
            {CRS_CHOICES.map((c) => (
              <option key={c} value={c}>
                {CRS_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        {o.crs === 'epsg' && (
          <label className="data-field data-field-narrow">
            <span>EPSG</span>
            <input
              data-testid="import-epsg"
              inputMode="numeric"
              placeholder="4549"
              value={o.epsg}
              disabled={busy}
              onChange={(e) => set({ epsg: e.target.value })}
            />
          </label>
        )}
      </div>
      <div className="data-row">
        <label className="data-field">
          <span>Encoding 编码</span>
          <select
            data-testid="import-encoding"
            value={o.encoding}
            disabled={busy}
            onChange={(e) => set({ encoding: e.target.value as Encoding })}
          >
            {ENCODINGS.map((c) => (
              <option key={c} value={c}>
                {ENCODING_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label className="data-field data-field-narrow">
          <span>Snap m 吸附米</span>
          <input
            data-testid="import-snap"
            type="number"
            min={0}
            max={50}
            step={0.5}
            value={o.snapMetres}
            disabled={busy}
            onChange={(e) => set({ snapMetres: e.target.valueAsNumber })}
          />
        </label>
      </div>
      <div className="data-actions">
        <button
          type="button"
          className="btn-ghost"
          data-testid="import-check"
          disabled={!file || busy}
          onClick={p.onCheck}
        >
          Check <span className="zh">检查</span>
        </button>
        <button
          type="button"
          className="btn-primary"
          data-testid="import-commit"
          disabled={!checked || busy}
          title={checked ? undefined : 'Check the file first 请先检查'}
          onClick={p.onImport}
        >
          Import <span className="zh">导入</span>
        </button>
        {busy && (
          <button type="button" className="btn-ghost" onClick={p.onCancel}>
            Cancel 取消
          </button>
        )}
      </div>
      {busy && <Progress state={p.state} />}
      {p.state.error && (
        <div className="notice notice-error" role="alert" data-testid="import-error">
          {p.state.error}
        </div>
      )}
    </section>
  );
}

function DropZone({
  file,
  onFile,
  disabled,
}: {
  file: File | null;
  onFile: (f: File | null) => void;
  disabled: boolean;
}) {
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const f = e.dataTransfer.files[0];
    if (f) onFile(f);
  };
  return (
    <label
      className={`data-drop${over ? ' over' : ''}${file ? ' has-file' : ''}`}
      data-testid="import-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <input
        type="file"
        accept={ACCEPT}
        data-testid="import-file"
        disabled={disabled}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      />
      {file ? (
        <>
          <strong className="data-file-name" data-testid="import-file-name">
            {file.name}
          </strong>
          <span className="muted">{formatBytes(file.size)} · drop another to replace 拖入其他文件替换</span>
        </>
      ) : (
        <>
          <strong>Drop a file here, or click to pick 拖入文件或点击选择</strong>
          <span className="muted">
            Shapefile (.zip of .shp/.dbf/.shx/.prj/.cpg), GeoPackage, KML, GeoJSON, CSV, XLSX, OSM
          </span>
        </>
      )}
    </label>
  );
}

function Progress({ state }: { state: ImportState }) {
  const { phase, uploadPercent, progress } = state;
  const pct = phase === 'uploading' ? uploadPercent : 100;
  return (
    <div className="data-progress" data-testid="import-progress" role="status">
      <div className="data-bar">
        <span style={{ width: `${pct}%` }} />
      </div>
      <div className="data-progress-text">
        {phase === 'uploading' ? (
          <>Uploading 上传中 {uploadPercent}%</>
        ) : progress ? (
          <>
            {STAGES[progress.stage]} · {progress.rows.toLocaleString()} rows 行
            {progress.rowsPerSecond > 0 && <> · {Math.round(progress.rowsPerSecond).toLocaleString()} rows/s</>}
          </>
        ) : (
          <>Working 处理中…</>
        )}
      </div>
    </div>
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
