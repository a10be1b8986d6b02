/**
 * One task dispatched to the worker: what and where, how far, and the steps they may take now
 * (as the server lists them in `allowed`): 签收 accept, 处置反馈 report handled with "after"
 * photos, 求助 ask for help, 退回 send back with a reason. Each step waits in the outbox like a
 * report does, so it is never lost in a dead spot.
 */
import { useState } from 'react';
import { ACTION_NAMES, GRADES, STATUS_NAMES, type IncidentAction } from '../../../server/src/contract/vocabulary.ts';
import type { Category, Task } from './api';
import { enqueue } from './outbox/outbox';
import { MAX_PHOTOS } from './photos';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker';
import type { Position } from './useGeolocation';
import { FormError } from './FormError';

const STEPS = ['acknowledge', 'handle', 'request_help', 'send_back'] as const;
type Step = (typeof STEPS)[number];
/** Steps that need words: the reason for a send-back, what help is needed. */
const NEEDS_NOTE: Step[] = ['request_help', 'send_back'];

function metres(a: Position | null, lon: number, lat: number): string {
  if (!a) return '';
  const dx = (lon - a.lon) * 111_320 * Math.cos((lat * Math.PI) / 180);
  const dy = (lat - a.lat) * 110_540;
  const d = Math.hypot(dx, dy);
  return d < 1000 ? `${Math.round(d)} m` : `${(d / 1000).toFixed(1)} km`;
}

export function TaskCard(props: {
  task: Task;
  categories: Category[];
  me: Position | null;
  queued: number;
  username: string;
  onPath(task: Task): void;
  onQueued(message: string): void;
}) {
  const { task, me } = props;
  const [open, setOpen] = useState<Step | null>(null);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const cat = props.categories.find((c) => c.code === task.category);
  const steps = STEPS.filter((s) => task.allowed.includes(s as IncidentAction));

  async function send(step: Step) {
    if (NEEDS_NOTE.includes(step) && !note.trim()) {
      setError(
        step === 'send_back' ? '请写明退回原因 · Give the reason' : '请写明需要什么帮助 · Say what help you need',
      );
      return;
    }
    // The version this step expects: the task as shown, moved on by each step of this worker
    // still waiting in the outbox (each stored step is one version). If the task changed
    // otherwise meanwhile the server answers 409 and the outbox shows the step refused, with why.
    const body: Record<string, unknown> = { action: step, version: task.version + props.queued };
    if (note.trim()) body.note = note.trim();
    if (me && step === 'handle') Object.assign(body, { lon: me.lon, lat: me.lat });
    await enqueue({
      kind: 'action',
      id: task.id,
      actor: props.username,
      title: `${ACTION_NAMES[step].zh} · ${cat?.name_zh ?? task.category}`,
      body,
      photos: photos.map((p) => ({ blob: p.blob, name: p.name })),
    });
    photos.forEach((p) => URL.revokeObjectURL(p.url));
    setPhotos([]);
    setNote('');
    setOpen(null);
    setError(null);
    props.onQueued(`${ACTION_NAMES[step].zh} 已保存待发送 · ${ACTION_NAMES[step].en}: saved, sending`);
  }

  return (
    <article className={`task grade-${task.grade}`} data-testid="task" data-id={task.id}>
      <header>
        <strong>{cat ? `${cat.name_zh} ${cat.name}` : task.category}</strong>
        <span className="badge">{GRADES[task.grade]?.zh ?? task.grade}</span>
        <span className="badge status">{STATUS_NAMES[task.status]?.zh ?? task.status}</span>
      </header>
      <p>{task.description}</p>
      <p className="hint">
        {metres(me, task.lon, task.lat)}
        {task.due_at && ` · 期限 due ${new Date(task.due_at).toLocaleString('zh-CN', { hour12: false })}`}
        {props.queued > 0 && <span className="queued"> · {props.queued} 步待发送 steps waiting</span>}
      </p>
      <div className="task-buttons">
        <button type="button" className="big-button secondary" onClick={() => props.onPath(task)}>
          路线 Route
        </button>
        {steps.map((s) =>
          s === 'acknowledge' ? (
            <button key={s} type="button" className="big-button primary" onClick={() => void send(s)}>
              {ACTION_NAMES[s].zh} {ACTION_NAMES[s].en}
            </button>
          ) : (
            <button
              key={s}
              type="button"
              className={open === s ? 'big-button primary' : 'big-button secondary'}
              onClick={() => setOpen(open === s ? null : s)}
              data-testid={`step-${s}`}
            >
              {ACTION_NAMES[s].zh} {ACTION_NAMES[s].en}
            </button>
          ),
        )}
      </div>
      {open && (
        <div className="step-form">
          <label>
            {open === 'send_back'
              ? '退回原因 Reason'
              : open === 'request_help'
                ? '需要的帮助 Help needed'
                : '处置情况 What was done'}
            <textarea rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          {open === 'handle' && (
            <PhotoPicker photos={photos} onChange={setPhotos} max={MAX_PHOTOS} label="张处置后照片 · after photos" />
          )}
          <FormError error={error} />
          <button type="button" className="big-button primary" onClick={() => void send(open)} data-testid="step-send">
            提交 · Send
          </button>
        </div>
      )}
    </article>
  );
}
