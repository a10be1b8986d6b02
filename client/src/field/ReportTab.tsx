/**
 * 上报 Report: category, a suggested grade, description, the location (GPS or a pin dropped on
 * the map), 1–9 photos. Saved to the outbox at once under a new UUID, then sent when the network
 * allows: the worker can report in a basement and walk on.
 */
import { useState } from 'react';
import { GRADES, type Grade } from '../../../server/src/contract/vocabulary.ts';
import { uuid } from './api';
import { FieldMap } from './FieldMap';
import { suggestGrade } from './grade';
import { enqueue } from './outbox/outbox';
import { MAX_PHOTOS } from './photos';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker';
import type { FieldData } from './useFieldData';
import { useGeolocation } from './useGeolocation';
import { FormError } from './FormError';

export function ReportTab({ data, username }: { data: FieldData; username: string }) {
  const geo = useGeolocation();
  const [category, setCategory] = useState('');
  const [grade, setGrade] = useState<Grade | null>(null);
  const [description, setDescription] = useState('');
  const [where, setWhere] = useState<'gps' | 'pin'>('gps');
  const [pin, setPin] = useState<[number, number] | null>(null);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [error, setError] = useState<string | null>(null);

  const suggested = suggestGrade(category, description);
  const chosenGrade = grade ?? suggested;
  const here = geo.position ? ([geo.position.lon, geo.position.lat] as [number, number]) : null;
  const location = where === 'pin' ? pin : here;

  async function submit() {
    const problem = !category
      ? '请选择类别 · Choose a category'
      : !description.trim()
        ? '请填写描述 · Describe the event'
        : !location
          ? where === 'pin'
            ? '请在地图上点选位置 · Tap the map to place the event'
            : '还没有定位，可改为地图选点 · No GPS position yet: drop a pin instead'
          : photos.length < 1
            ? '请至少拍一张照片 · Add at least one photo'
            : null;
    setError(problem);
    if (problem || !location) return;
    const id = uuid();
    await enqueue({
      kind: 'report',
      id,
      actor: username,
      title: `${data.categories.find((c) => c.code === category)?.name_zh ?? category} · ${description.trim().slice(0, 24)}`,
      body: {
        id,
        category,
        grade: chosenGrade,
        description: description.trim(),
        lon: location[0],
        lat: location[1],
        reported_at: new Date().toISOString(),
      },
      photos: photos.map((p) => ({ blob: p.blob, name: p.name })),
    });
    photos.forEach((p) => URL.revokeObjectURL(p.url));
    setPhotos([]);
    setDescription('');
    setCategory('');
    setGrade(null);
    setPin(null);
    data.notify('已保存，有网络时自动发送 · Saved: it is sent as soon as there is a connection');
  }

  return (
    <form
      className="field-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        类别 Category
        <select value={category} onChange={(e) => setCategory(e.target.value)} data-testid="report-category">
          <option value="">— 请选择 Choose —</option>
          {data.categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name_zh} {c.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="chips">
        <legend>
          等级 Grade <span className="hint">建议 suggested: {GRADES[suggested].zh}</span>
        </legend>
        {(Object.keys(GRADES) as Grade[]).map((g) => (
          <button
            type="button"
            key={g}
            className={g === chosenGrade ? 'chip on' : 'chip'}
            aria-pressed={g === chosenGrade}
            onClick={() => setGrade(g)}
          >
            {GRADES[g].zh} {GRADES[g].en}
          </button>
        ))}
      </fieldset>
      <label>
        描述 Description
        <textarea
          rows={3}
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          data-testid="report-description"
        />
      </label>
      <fieldset className="chips">
        <legend>位置 Location</legend>
        <button type="button" className={where === 'gps' ? 'chip on' : 'chip'} onClick={() => setWhere('gps')}>
          当前位置 GPS
        </button>
        <button type="button" className={where === 'pin' ? 'chip on' : 'chip'} onClick={() => setWhere('pin')}>
          地图选点 Pin
        </button>
      </fieldset>
      <p className="hint" data-testid="report-where">
        {where === 'gps'
          ? geo.position
            ? `定位精度 ±${Math.round(geo.position.accuracy)} m · GPS accuracy`
            : (geo.error ?? '正在定位… · Locating…')
          : pin
            ? '已选点，可再点地图修改 · Pin placed: tap again to move it'
            : '点地图放置位置 · Tap the map to place the event'}
      </p>
      {where === 'pin' && (
        <FieldMap grid={data.grid?.grid?.geometry} me={geo.position} pin={pin} onPick={setPin} height={240} />
      )}
      <PhotoPicker photos={photos} onChange={setPhotos} max={MAX_PHOTOS} />
      <FormError error={error} />
      <button type="submit" className="big-button primary" data-testid="report-submit">
        保存并上报 · Save and report
      </button>
    </form>
  );
}
