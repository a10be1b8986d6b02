/** The assessment tab's data: today's rows per grid worker, and each grid's share of streets walked (for the map). */
import { useEffect, useMemo, useState } from 'react';
import { fetchAssessment, type AssessmentResponse } from '../../api/patrols';
import { message } from './format';
import type { Tab } from './usePatrolsView';

export function useAssessmentData(tab: Tab, onError: (m: string) => void) {
  const [assessment, setAssessment] = useState<AssessmentResponse | null>(null);
  useEffect(() => {
    if (tab === 'assessment' && !assessment)
      fetchAssessment()
        .then(setAssessment)
        .catch((e) => onError(message(e)));
  }, [tab, assessment, onError]);
  const shares = useMemo(
    () => new Map((assessment?.rows ?? []).filter((r) => r.grid_id !== null).map((r) => [r.grid_id!, r.walked_share])),
    [assessment],
  );
  return { assessment, shares };
}
