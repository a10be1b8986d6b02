/**
 * The console's map: the shared MapView drawing the live queue's incidents, the selected one
 * marked, its grid highlighted (the store's selected grid), and the nearest patrol units with
 * straight lines to it.
 */
import { useMemo } from 'react';
import type { IncidentFeature, IncidentStatus } from '../api/types';
import type { BBox } from '../api/types';
import { MapView } from '../map/MapView';
import { createPatrolUnitsLayers, type PatrolUnitPoint } from '../layers/patrolUnitsLayer';
import { createSelectedIncidentLayers } from '../layers/selectedIncidentLayer';
import { selectedIncident } from '../state/console';
import { useConsole } from '../state/consoleStore';
import type { QueueItem } from '../state/queue';

const PADDING = { top: 70, bottom: 70, left: 70, right: 70 };
const FIT = { top: 40, bottom: 40, left: 40, right: 40 };

export function toIncidentFeature(i: QueueItem): IncidentFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [i.lon, i.lat] },
    properties: {
      id: i.id,
      category: i.category,
      grade: i.grade,
      status: i.status as IncidentStatus,
      reported_at: i.reported_at,
      grid_id: i.grid_id,
      description: i.description,
      closed_at: i.closed_at,
    },
  };
}

export function ConsoleMap({
  cityBBox,
  onSelect,
  highlightUnit,
}: {
  cityBBox: BBox;
  onSelect: (id: string) => void;
  highlightUnit: number | null;
}) {
  const byId = useConsole((s) => s.queue.byId);
  const selected = useConsole(selectedIncident);
  const units = useConsole((s) => ('data' in s.units ? s.units.data : undefined));

  const incidents = useMemo(() => Object.values(byId).map(toIncidentFeature), [byId]);
  const unitPoints = useMemo<PatrolUnitPoint[]>(
    () =>
      (units ?? [])
        .filter((u) => typeof u.lon === 'number' && typeof u.lat === 'number')
        .map((u) => ({ id: u.id, lon: u.lon!, lat: u.lat!, kind: u.kind })),
    [units],
  );
  // The marker is rebuilt from its values, not from the incident object's identity (a new
  // object arrives with every update of the incident).
  const { id, lon, lat, grade } = selected ?? {};
  const marker = useMemo(
    () =>
      id !== undefined && lon !== undefined && lat !== undefined && grade !== undefined
        ? { id, lon, lat, grade }
        : null,
    [id, lon, lat, grade],
  );
  const extraLayers = useMemo(
    () => [
      ...createPatrolUnitsLayers({ units: marker ? unitPoints : [], target: marker, highlightId: highlightUnit }),
      ...createSelectedIncidentLayers({ incident: marker }),
    ],
    [marker, unitPoints, highlightUnit],
  );

  return (
    <MapView
      cityBBox={cityBBox}
      incidents={incidents}
      extraLayers={extraLayers}
      onIncidentClick={onSelect}
      selectGridOnClick={false}
      fitPadding={FIT}
      focusPadding={PADDING}
    />
  );
}
