/** 网格 My grid: its boundary, key places, my open tasks and where I am, with the GPS accuracy. */
import type { FieldData } from './useFieldData';
import { FieldMap } from './FieldMap';
import { useGeolocation } from './useGeolocation';

export function GridTab({ data }: { data: FieldData }) {
  const geo = useGeolocation();
  const g = data.grid?.grid;
  return (
    <div className="grid-tab">
      <FieldMap
        grid={g?.geometry}
        places={data.grid?.key_places}
        tasks={data.tasks}
        me={geo.position}
        height={Math.max(320, Math.round(window.innerHeight * 0.5))}
      />
      <p className="hint" data-testid="accuracy">
        {geo.position
          ? `我的位置 Me · 精度 ±${Math.round(geo.position.accuracy)} m accuracy`
          : (geo.error ?? '正在定位… · Locating…')}
      </p>
      {g ? (
        <dl className="facts" data-testid="my-grid">
          <dt>网格 Grid</dt>
          <dd>
            {g.name} ({g.code})
          </dd>
          {g.community_name && (
            <>
              <dt>社区 Community</dt>
              <dd>{g.community_name}</dd>
            </>
          )}
          {g.households != null && (
            <>
              <dt>户数 Households</dt>
              <dd>{g.households}</dd>
            </>
          )}
          <dt>重点场所 Key places</dt>
          <dd>{data.grid?.key_places.length ?? 0}</dd>
          <dt>待办任务 Open tasks</dt>
          <dd>{data.tasks.length}</dd>
        </dl>
      ) : (
        <p className="empty">{data.grid ? '您的单元没有负责的网格 · Your unit has no grid' : '正在载入… · Loading…'}</p>
      )}
    </div>
  );
}
