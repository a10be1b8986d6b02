/**
 * One photo as a thumbnail that opens the full image, with its flags as warnings (中文 first,
 * English after). Used by the card's gallery and by the history rows.
 */
import { useEffect, useState } from 'react';
import { PHOTO_FLAG_LABELS, type PhotoFlag } from '../../../../server/src/contract/media.ts';
import { useMediaUrl, type StoredPhoto } from '../../api/media';
import './photos.css';

export function PhotoThumb({ photo, small = false }: { photo: StoredPhoto; small?: boolean }) {
  const thumb = useMediaUrl(photo.id, 'thumb');
  const [open, setOpen] = useState(false);
  const flagged = photo.flags.length > 0;
  return (
    <figure
      className={`cc-photo${small ? ' small' : ''}${flagged ? ' flagged' : ''}`}
      data-testid="photo"
      data-photo-id={photo.id}
      data-flags={photo.flags.join(' ')}
    >
      <button
        type="button"
        className="cc-photo-open"
        onClick={() => setOpen(true)}
        title="Open the full photo 查看原图"
      >
        {thumb.url ? (
          <img src={thumb.url} alt={`Photo 照片 ${photo.width}×${photo.height}`} data-testid="photo-thumb" />
        ) : (
          <span className="cc-photo-wait">{thumb.error ? '✕' : '…'}</span>
        )}
      </button>
      {!small && flagged && (
        <figcaption>
          {photo.flags.map((f) => (
            <FlagLine key={f} flag={f as PhotoFlag} />
          ))}
        </figcaption>
      )}
      {small && flagged && (
        <span
          className="cc-photo-badge"
          title={photo.flags.map((f) => PHOTO_FLAG_LABELS[f as PhotoFlag]?.zh).join('；')}
        >
          !
        </span>
      )}
      {open && <PhotoViewer photo={photo} onClose={() => setOpen(false)} />}
    </figure>
  );
}

export function FlagLine({ flag }: { flag: PhotoFlag }) {
  const label = PHOTO_FLAG_LABELS[flag] ?? { zh: flag, en: flag };
  return (
    <span className="cc-photo-flag" data-testid="photo-flag" data-flag={flag}>
      ⚠ {label.zh} <span className="en">{label.en}</span>
    </span>
  );
}

/** The full photo over the page; Escape or a click closes it. */
function PhotoViewer({ photo, onClose }: { photo: StoredPhoto; onClose: () => void }) {
  const full = useMediaUrl(photo.id, 'full');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="cc-photo-viewer" role="dialog" aria-label="Photo 照片" onClick={onClose} data-testid="photo-viewer">
      {full.url ? (
        <img src={full.url} alt="Photo 照片" />
      ) : (
        <span className="cc-photo-wait">{full.error ?? 'Loading… 加载中'}</span>
      )}
      {photo.taken_at && (
        <div className="cc-photo-viewer-meta">Taken 拍摄于 {photo.taken_at.replace('T', ' ').slice(0, 16)} UTC</div>
      )}
    </div>
  );
}
