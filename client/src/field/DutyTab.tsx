/**
 * 在岗 On duty: the switch that starts and stops the GPS recorder, its interval, and today's
 * track on the map (what the server has, plus the fixes still waiting on the phone).
 */
import { useEffect, useState } from 'react';
import { loadTrack, type Track } from './api';
import { INTERVALS, setDuty, useDuty } from './duty';
import { FieldMap } from './FieldMap';
import { fieldDb } from './outbox/db';
import type { FieldData } from './useFieldData';
import { useGeolocation } from './useGeolocation';
import { useOutbox } from './useOutbox';

export function DutyTab({ data }: { data: FieldData }) {
  const duty = useDuty();
  const geo = useGeolocation();
  const outbox = useOutbox();
  const [track, setTrack] = useState<Track | null>(null);
  const [pending, setPending] = useState<[number, number][]>([]);

  useEffect(() => {
    void loadTrack()
      .then((r) => r.value && setTrack(r.value))
      .catch(() => undefined);
    void fieldDb()
      .then((db) => db.getAll('fixes'))
      .then((fixes) => setPending(fixes.map((f) => [f.lon, f.lat])));
  }, [outbox.fixes]);

  const line: [number, number][] = [...(track?.points ?? []).map(([x, y]) => [x, y] as [number, number]), ...pending];

  return (
    <div className="duty">
      <button
        type="button"
        className={duty.on ? 'big-button danger' : 'big-button primary'}
        onClick={() => setDuty({ on: !duty.on })}
        data-testid="duty-toggle"
        aria-pressed={duty.on}
      >
        {duty.on ? '下岗 · Go off duty' : '上岗 · Go on duty'}
      </button>
      <p className="hint" data-testid="duty-state">
        {duty.on
          ? `在岗中，每 ${duty.every_s} 秒记录一次位置 · On duty: a fix every ${duty.every_s} s`
          : '未在岗，不记录轨迹 · Off duty: no track is recorded'}
        {geo.position && ` · ±${Math.round(geo.position.accuracy)} m`}
      </p>
      <fieldset className="chips">
        <legend>间隔 Interval</legend>
        {INTERVALS.map((s) => (
          <button
            key={s}
            type="button"
            className={duty.every_s === s ? 'chip on' : 'chip'}
            onClick={() => setDuty({ every_s: s })}
          >
            {s} 秒 s
          </button>
        ))}
      </fieldset>
      <FieldMap grid={data.grid?.grid?.geometry} me={geo.position} track={line} height={300} />
      <p className="hint" data-testid="track-summary">
        今日轨迹 Today: {track ? `${(track.length_m / 1000).toFixed(2)} km · ${track.points.length} 点 points` : '—'}
        {outbox.fixes > 0 && ` · ${outbox.fixes} 点待发送 waiting`}
      </p>
    </div>
  );
}
