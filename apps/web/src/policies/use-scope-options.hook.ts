import { DAY_MS, QUARTER_HOUR_MS } from '@lanewatch/domain';
import { useCallback, useState } from 'react';
import { fetchKpiGroups } from '../api/api-client';
import { fetchCarrierList } from '../api/dashboard-api';
import type { CarrierSummary } from '../api/data-quality-types';
import { useSession } from '../auth/session.context';
import { useApiQuery } from '../shared/use-api-query.hook';

// Lanes seen over the longest policy window: a picker offers what exists, so a typo cannot be saved.
const KNOWN_LANES_DAYS = 90;

export type ScopeOptions = { carriers: CarrierSummary[]; corridors: string[]; loading: boolean };

export function useScopeOptions(): ScopeOptions {
  const { token, onUnauthorized } = useSession();
  const [window] = useState(() => {
    // The KPI API reads rollups kept per quarter hour: its bounds must fall on one.
    const to = new Date(Math.ceil(Date.now() / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);
    return { from: new Date(to.getTime() - KNOWN_LANES_DAYS * DAY_MS).toISOString(), to: to.toISOString() };
  });
  const loadCarriers = useCallback((signal: AbortSignal) => fetchCarrierList({ token, signal }), [token]);
  const loadLanes = useCallback(
    (signal: AbortSignal) => fetchKpiGroups({ token, signal, groupBy: 'corridor', corridor: null, from: window.from, to: window.to }),
    [token, window],
  );
  const carriers = useApiQuery({ requestKey: 'policy-carriers', load: loadCarriers, onUnauthorized });
  const lanes = useApiQuery({ requestKey: 'policy-lanes', load: loadLanes, onUnauthorized });
  const corridors = [...new Set((lanes.data?.rows ?? []).map((row) => row.corridor).filter((corridor): corridor is string => corridor !== null))].sort();
  return { carriers: carriers.data ?? [], corridors, loading: carriers.data === null || lanes.data === null };
}
