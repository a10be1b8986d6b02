/**
 * The card's photos: "before" (sent with the report) and "after" (sent with handle and later
 * steps), each with its warnings — taken far from the reported place, long before or after the
 * report. The operator weighs them; nothing is refused for them.
 */
import type { IncidentCard } from '../../api/incidents';
import { isStoredPhoto, type StoredPhoto } from '../../api/media';
import { PhotoThumb } from './PhotosThumb';
import './photos.css';

export function PhotosSection({ card }: { card: IncidentCard | undefined }) {
  const all = card?.photos ?? [];
  const stored = all.filter(isStoredPhoto);
  const described = all.length - stored.length;
  if (!all.length) return null;
  const before = stored.filter((p) => p.stage !== 'after');
  const after = stored.filter((p) => p.stage === 'after');
  const flagged = stored.filter((p) => p.flags.length > 0).length;
  return (
    <div className="cc-section" data-testid="photos">
      <h3 className="cc-section-title">
        Photos <span className="zh">现场照片</span>
        {flagged > 0 && (
          <span className="cc-photos-warn" data-testid="photos-warning">
            {flagged} 张需核实 · {flagged} to check
          </span>
        )}
      </h3>
      {before.length > 0 && <Row label="上报时 Before" photos={before} stage="before" />}
      {after.length > 0 && <Row label="处置后 After" photos={after} stage="after" />}
      {described > 0 && (
        <p className="cc-muted-line">
          {described} 张照片仅有描述，无图像 · {described} photo(s) described without an image
        </p>
      )}
    </div>
  );
}

function Row({ label, photos, stage }: { label: string; photos: StoredPhoto[]; stage: string }) {
  return (
    <div className="cc-photo-row" data-testid={`photos-${stage}`}>
      <div className="cc-photo-row-label">{label}</div>
      <div className="cc-photo-grid">
        {photos.map((p) => (
          <PhotoThumb key={p.id} photo={p} />
        ))}
      </div>
    </div>
  );
}
