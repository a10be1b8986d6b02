/**
 * The alert card: a new key or difficult incident, shown large with a strong visual cue (a
 * flashing border; no sound) while the map zooms to it. It dismisses itself after the
 * configured time and the tour resumes; several alerts queue. The report's first photo shows
 * when it has one.
 */
import { useEffect } from 'react';
import type { Area } from '../../api/incidents';
import { useIncidentFirstPhoto, useMediaUrl } from '../../api/media';
import { formatTime } from '../../app/format';
import { INCIDENT_CATEGORIES } from '../../../../server/src/contract/vocabulary.ts';
import { name } from '../../app/labels';
import { GRADE_CLASSES } from '../../layers/palette';
import type { WallAlert } from './liveWall';
import './alert-card.css';

export function AlertCard({
  alert,
  seconds,
  areas,
  queued,
  onDone,
  timeZone,
}: {
  alert: WallAlert;
  seconds: number;
  areas: Map<number, Area>;
  queued: number;
  onDone: (key: string) => void;
  timeZone?: string;
}) {
  useEffect(() => {
    const t = window.setTimeout(() => onDone(alert.key), seconds * 1000);
    return () => window.clearTimeout(t);
  }, [alert.key, seconds, onDone]);
  const grade = GRADE_CLASSES[alert.incident.grade as keyof typeof GRADE_CLASSES];
  const community = alert.communityId ? areas.get(alert.communityId) : undefined;
  const street = community?.parent_id ? areas.get(community.parent_id) : undefined;
  const cat = name(INCIDENT_CATEGORIES, alert.category);
  // The report's first photo, when it has one: what is there, seen from across the room.
  const photo = useIncidentFirstPhoto(alert.incident.id);
  const photoUrl = useMediaUrl(photo?.id, 'thumb').url;
  return (
    <div
      className={`wall-alert grade-${alert.incident.grade}`}
      role="alert"
      data-testid="wall-alert"
      data-incident-id={alert.incident.id}
    >
      <div className="wall-alert-head">
        <span className="wall-alert-badge">
          {grade?.labelZh ?? alert.incident.grade} · New {grade?.label.toLowerCase()} incident
        </span>
        <time>{formatTime(new Date(alert.incident.reportedAt), timeZone).slice(0, 5)}</time>
      </div>
      <div className="wall-alert-cat">
        {cat.zh} <span>{cat.en}</span>
      </div>
      {photoUrl && (
        <img className="wall-alert-photo" src={photoUrl} alt="现场照片 Photo" data-testid="wall-alert-photo" />
      )}
      {alert.description && <div className="wall-alert-desc">{alert.description}</div>}
      <div className="wall-alert-place">{[street?.name_zh, community?.name_zh].filter(Boolean).join(' · ') || '—'}</div>
      {queued > 0 && <div className="wall-alert-more">+{queued} more 待显示</div>}
      <div className="wall-alert-timer" style={{ animationDuration: `${seconds}s` }} />
    </div>
  );
}
