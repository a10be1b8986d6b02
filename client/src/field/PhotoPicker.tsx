/**
 * Photos from the camera or the gallery, shrunk on the phone as they are picked (photos.ts),
 * shown as thumbnails the worker can remove.
 */
import { useEffect, useRef, useState } from 'react';
import { compressPhoto } from './photos';

export interface PickedPhoto {
  blob: Blob;
  name: string;
  url: string;
}

export function PhotoPicker(props: {
  photos: PickedPhoto[];
  onChange(photos: PickedPhoto[]): void;
  max: number;
  label?: string;
}) {
  const { photos, onChange, max } = props;
  const [busy, setBusy] = useState(false);
  const room = max - photos.length;

  // Object URLs stay while their photo is shown; all go when the form goes.
  const shown = useRef(photos);
  shown.current = photos;
  useEffect(() => () => shown.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  async function add(files: FileList | null) {
    if (!files?.length) return;
    setBusy(true);
    try {
      const picked: PickedPhoto[] = [];
      for (const file of [...files].slice(0, room)) {
        // A photo the phone cannot shrink goes as it is: the server judges it.
        const blob = await compressPhoto(file).catch(() => file);
        const name = file.name.replace(/\.(heic|heif|png|webp)$/i, '.jpg') || 'photo.jpg';
        picked.push({ blob, name, url: URL.createObjectURL(blob) });
      }
      onChange([...photos, ...picked]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="photo-picker">
      <div className="photo-row">
        {photos.map((p, i) => (
          <figure key={p.url} className="thumb">
            <img src={p.url} alt={`照片 ${i + 1}`} />
            <button
              type="button"
              aria-label={`删除照片 ${i + 1} · Remove photo ${i + 1}`}
              onClick={() => {
                URL.revokeObjectURL(p.url);
                onChange(photos.filter((_, j) => j !== i));
              }}
            >
              ×
            </button>
          </figure>
        ))}
      </div>
      {room > 0 && (
        <div className="photo-buttons">
          <label className="big-button secondary">
            拍照 Camera
            <input
              type="file"
              accept="image/*"
              capture="environment"
              hidden
              data-testid="photo-camera"
              onChange={(e) => void add(e.target.files).then(() => (e.target.value = ''))}
            />
          </label>
          <label className="big-button secondary">
            相册 Gallery
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
              multiple
              hidden
              data-testid="photo-gallery"
              onChange={(e) => void add(e.target.files).then(() => (e.target.value = ''))}
            />
          </label>
        </div>
      )}
      <p className="hint">
        {busy ? '正在压缩… · Compressing…' : `${photos.length}/${max} ${props.label ?? '张照片 · photos'}`}
      </p>
    </div>
  );
}
