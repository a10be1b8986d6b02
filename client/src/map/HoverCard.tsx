/** The card that follows the pointer over a grid, camera or incident. */
import type { CameraTileProperties, GridTileProperties, IncidentProperties } from '../api/types';
import { isCameraCluster, type CameraFeatureProperties } from '../layers/camerasLayer';
import { CAMERA_STATUS_CLASSES, GRADE_CLASSES, cssColor, householdStandard, isIncidentOpen } from '../layers/palette';
import {
  CAMERA_KIND_NAMES,
  GRID_TYPE_NAMES,
  INCIDENT_CATEGORIES,
  STATUS_NAMES,
} from '../../../server/src/contract/vocabulary.ts';
import { name } from '../app/labels';
import { formatInt, formatRelativeTime } from '../app/format';

/** Pointer position in the map's pixels, and whether the card must open leftwards / upwards. */
interface At {
  x: number;
  y: number;
  flipX: boolean;
  flipY: boolean;
}

export type Hovered = At &
  (
    | { kind: 'grid'; properties: GridTileProperties }
    | { kind: 'camera'; properties: CameraFeatureProperties }
    | { kind: 'incident'; properties: IncidentProperties }
  );

export function HoverCard({ hovered }: { hovered: Hovered }) {
  const { x, y, flipX, flipY } = hovered;
  const style = {
    left: x + (flipX ? -16 : 16),
    top: y + (flipY ? -16 : 16),
    transform: `translate(${flipX ? '-100%' : '0'}, ${flipY ? '-100%' : '0'})`,
  };
  return (
    <div className="hover-card" style={style} role="tooltip">
      {hovered.kind === 'grid' && <GridCard p={hovered.properties} />}
      {hovered.kind === 'camera' &&
        (isCameraCluster(hovered.properties) ? (
          <CameraCellCard count={hovered.properties.count} working={hovered.properties.working} />
        ) : (
          <CameraCard p={hovered.properties} />
        ))}
      {hovered.kind === 'incident' && <IncidentCard p={hovered.properties} />}
    </div>
  );
}

function GridCard({ p }: { p: GridTileProperties }) {
  const type = name(GRID_TYPE_NAMES, p.type);
  return (
    <>
      <div className="hc-title">{p.name}</div>
      <div className="hc-sub">
        {p.code} · {type.en} <span className="zh">{type.zh}</span>
      </div>
      <dl className="hc-facts">
        <dt>Households 户数</dt>
        <dd>
          {formatInt(p.households)} <span className="muted">/ {householdStandard(p.type)}</span>
        </dd>
        <dt>Population 人口</dt>
        <dd>{formatInt(p.population)}</dd>
        <dt>Open incidents 在办事件</dt>
        <dd className={p.open_incidents > 0 ? 'warn' : undefined}>{formatInt(p.open_incidents)}</dd>
      </dl>
      <div className="hc-hint">Click to inspect 点击查看</div>
    </>
  );
}

function CameraCard({ p }: { p: CameraTileProperties }) {
  const status = CAMERA_STATUS_CLASSES[p.status];
  const kind = name(CAMERA_KIND_NAMES, p.kind);
  return (
    <>
      <div className="hc-title">Camera 摄像头 {p.code}</div>
      <div className="hc-sub">
        <span className="dot" style={{ background: cssColor(status.color) }} /> {status.label} {status.labelZh}
      </div>
      <dl className="hc-facts">
        <dt>Kind 类型</dt>
        <dd>
          {kind.en} {kind.zh}
        </dd>
        <dt>Bearing / FOV</dt>
        <dd>
          {Math.round(p.bearing_deg)}° / {Math.round(p.fov_deg)}°
        </dd>
        <dt>Range 视距</dt>
        <dd>{Math.round(p.range_m)} m</dd>
      </dl>
    </>
  );
}

function CameraCellCard({ count, working }: { count: number; working: number }) {
  return (
    <>
      <div className="hc-title">
        {formatInt(count)} cameras <span className="zh">摄像头</span>
      </div>
      <dl className="hc-facts">
        <dt>Working 在线</dt>
        <dd>
          {formatInt(working)} <span className="muted">({count ? Math.round((100 * working) / count) : 0}%)</span>
        </dd>
        <dt>Not working 故障/离线</dt>
        <dd className={count - working > 0 ? 'warn' : undefined}>{formatInt(count - working)}</dd>
      </dl>
      <div className="hc-hint">Zoom in for single cameras 放大查看单个摄像头</div>
    </>
  );
}

function IncidentCard({ p }: { p: IncidentProperties }) {
  const grade = GRADE_CLASSES[p.grade];
  const category = name(INCIDENT_CATEGORIES, p.category);
  const status = name(STATUS_NAMES, p.status);
  const open = isIncidentOpen(p);
  return (
    <>
      <div className="hc-title">
        {category.en} <span className="zh">{category.zh}</span>
      </div>
      <div className="hc-sub">
        <span className="dot" style={{ background: cssColor(grade.color) }} /> {grade.label} {grade.labelZh} ·{' '}
        <span className={open ? 'warn' : 'ok'}>
          {status.en} {status.zh}
        </span>
      </div>
      {p.description && <p className="hc-desc">{p.description}</p>}
      <div className="hc-hint">Reported {formatRelativeTime(p.reported_at)} 上报</div>
    </>
  );
}
