/** One queue row: category, the current step's due time, grade, status, place and age. */
import { memo, useEffect, useRef } from 'react';
import type { IncidentStatus } from '../../api/types';
import { age, dueLabel } from '../../app/durations';
import { name } from '../../app/labels';
import { GRADE_CLASSES, cssColor } from '../../layers/palette';
import type { QueueItem } from '../../state/queue';
import { INCIDENT_CATEGORIES, STATUS_NAMES } from '../../../../server/src/contract/vocabulary.ts';
import { placeOf, type AreaIndex } from '../places';

interface QueueRowProps {
  item: QueueItem;
  now: number;
  index: AreaIndex;
  selected: boolean;
  fresh: boolean;
  onSelect: (id: string) => void;
}

export const QueueRow = memo(function QueueRow({ item, now, index, selected, fresh, onSelect }: QueueRowProps) {
  const grade = GRADE_CLASSES[item.grade];
  const category = name(INCIDENT_CATEGORIES, item.category);
  const status = name(STATUS_NAMES, item.status as IncidentStatus);
  const due = dueLabel(item.due_at, now, item.overdue);
  const place = placeOf(index, item);
  // A row selected elsewhere (an alert, the map) scrolls into view; the focus stays where it is.
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const classes = ['cq-row', `grade-${item.grade}`, selected && 'selected', item.overdue && 'overdue', fresh && 'fresh']
    .filter(Boolean)
    .join(' ');
  return (
    <li>
      <button
        ref={ref}
        type="button"
        className={classes}
        onClick={() => onSelect(item.id)}
        aria-current={selected ? 'true' : undefined}
        data-testid="queue-row"
        data-id={item.id}
        data-grade={item.grade}
        data-status={item.status}
        data-overdue={item.overdue ? 'true' : 'false'}
        data-community={item.community_id ?? ''}
        style={{ ['--grade' as string]: cssColor(grade.color) }}
      >
        <span className="cq-row-main">
          <span className="cq-cat">
            {category.en} <span className="zh">{category.zh}</span>
          </span>
          <span
            className={`cq-due ${due?.overdue ? 'is-overdue' : due?.soon ? 'is-soon' : ''}`}
            title={due ? `${due.en} · ${due.zh}` : undefined}
          >
            {due ? due.en : '—'}
          </span>
        </span>
        <span className="cq-row-sub">
          <span className="cq-grade">{grade.label}</span>
          <span className={`cq-status status-${item.status}`}>{status.en}</span>
          <span className="cq-place" title={place ? `${place.path.en}\n${place.path.zh}` : undefined}>
            {place ? place.short.zh : '—'}
          </span>
          <span className="cq-age" title={`Reported ${item.reported_at}`}>
            {age(item.reported_at, now)}
          </span>
        </span>
      </button>
    </li>
  );
});
