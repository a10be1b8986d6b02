/**
 * 走访 Visits: log a household or building visit — who, what was found, an optional photo —
 * where the worker stands. Kept in the outbox like a report; today's visits listed below.
 */
import { useEffect, useState } from 'react';
import { loadVisits, uuid, type Visit } from './api';
import { enqueue } from './outbox/outbox';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker';
import type { FieldData } from './useFieldData';
import { useGeolocation } from './useGeolocation';
import { useOutbox } from './useOutbox';
import { FormError } from './FormError';

export function VisitsTab({ data, username }: { data: FieldData; username: string }) {
  const geo = useGeolocation();
  const outbox = useOutbox();
  const [who, setWho] = useState('');
  const [household, setHousehold] = useState('');
  const [found, setFound] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [visits, setVisits] = useState<Visit[]>([]);

  const waitingVisits = outbox.items.filter((i) => i.kind === 'visit').length;
  useEffect(() => {
    void loadVisits()
      .then((r) => setVisits(r.value?.visits ?? []))
      .catch(() => undefined);
  }, [waitingVisits]);

  async function submit() {
    const p = geo.position;
    const problem = !who.trim() ? '请填写走访对象 · Who was visited?' : !p ? '还没有定位 · No GPS position yet' : null;
    setError(problem);
    if (problem || !p) return;
    const id = uuid();
    const body: Record<string, unknown> = {
      id,
      who: who.trim(),
      found: found.trim(),
      lon: p.lon,
      lat: p.lat,
      visited_at: new Date().toISOString(),
    };
    if (household.trim()) body.household = household.trim();
    await enqueue({
      kind: 'visit',
      id,
      actor: username,
      title: `走访 · ${who.trim()}`,
      body,
      photos: photos.map((x) => ({ blob: x.blob, name: x.name })),
    });
    photos.forEach((x) => URL.revokeObjectURL(x.url));
    setPhotos([]);
    setWho('');
    setHousehold('');
    setFound('');
    data.notify('走访已保存 · Visit saved: it is sent as soon as there is a connection');
  }

  return (
    <div className="visits">
      <form
        className="field-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          走访对象 Who
          <input value={who} maxLength={200} onChange={(e) => setWho(e.target.value)} data-testid="visit-who" />
        </label>
        <label>
          户 / 楼栋 Household or building
          <input value={household} maxLength={200} onChange={(e) => setHousehold(e.target.value)} />
        </label>
        <label>
          发现情况 What was found
          <textarea rows={3} maxLength={2000} value={found} onChange={(e) => setFound(e.target.value)} />
        </label>
        <p className="hint" data-testid="visit-where">
          {geo.position
            ? `定位精度 ±${Math.round(geo.position.accuracy)} m · GPS accuracy`
            : (geo.error ?? '正在定位… · Locating…')}
        </p>
        <PhotoPicker photos={photos} onChange={setPhotos} max={1} label="张照片（可选）· photo (optional)" />
        <FormError error={error} />
        <button type="submit" className="big-button primary" data-testid="visit-submit">
          保存走访 · Save visit
        </button>
      </form>
      <h3>今日走访 Today’s visits ({visits.length})</h3>
      <ul className="visit-list">
        {visits.map((v) => (
          <li key={v.id}>
            <strong>{v.who}</strong> {v.household && `· ${v.household}`}
            <span className="hint"> {new Date(v.visited_at).toLocaleTimeString('zh-CN', { hour12: false })}</span>
            {v.found && <p>{v.found}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
