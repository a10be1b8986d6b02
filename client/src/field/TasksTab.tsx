/** 任务 My tasks: the incidents dispatched to the worker's unit, live, with the street path to one. */
import { useState } from 'react';
import { loadPath, type Task } from './api';
import { FieldMap } from './FieldMap';
import { useOutbox } from './useOutbox';
import { TaskCard } from './TaskCard';
import type { FieldData } from './useFieldData';
import { useGeolocation } from './useGeolocation';

export function TasksTab({ data, username }: { data: FieldData; username: string }) {
  const geo = useGeolocation();
  const outbox = useOutbox();
  const [path, setPath] = useState<[number, number][] | null>(null);
  const [pathNote, setPathNote] = useState<string | null>(null);

  async function showPath(task: Task) {
    const me = geo.position;
    if (!me) {
      setPathNote('还没有定位 · No GPS position yet');
      return;
    }
    try {
      const p = await loadPath([me.lon, me.lat], [task.lon, task.lat]);
      setPath(p.path);
      setPathNote(`沿街道 ${Math.round(p.length_m)} m · along the streets`);
    } catch {
      setPath([
        [me.lon, me.lat],
        [task.lon, task.lat],
      ]);
      setPathNote('无网络，显示直线 · Offline: straight line shown');
    }
  }

  return (
    <div className="tasks">
      <FieldMap grid={data.grid?.grid?.geometry} tasks={data.tasks} me={geo.position} path={path} height={220} />
      {pathNote && <p className="hint">{pathNote}</p>}
      {!data.fresh && <p className="hint offline">离线：显示上次的任务 · Offline: the last tasks seen</p>}
      {data.tasks.length === 0 && <p className="empty">暂无任务 · No tasks for you now</p>}
      {data.tasks.map((t) => (
        <TaskCard
          key={t.id}
          task={t}
          categories={data.categories}
          me={geo.position}
          username={username}
          queued={outbox.items.filter((i) => i.kind === 'action' && i.id === t.id && i.state === 'waiting').length}
          onPath={(task) => void showPath(task)}
          onQueued={data.notify}
        />
      ))}
    </div>
  );
}
