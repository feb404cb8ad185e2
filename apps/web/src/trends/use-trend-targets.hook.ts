import { useCallback, useMemo } from 'react';
import type { KpiMetric } from '../api/api-types';
import { fetchPolicies } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { useApiQuery } from '../shared/use-api-query.hook';
import { applicableTargets, type TrendTarget } from './trend-targets.util';

// The SLA targets a trend draws as reference lines; without policies (still loading, or refused) none.
export function useTrendTargets({ metric, carrier, corridor }: { metric: KpiMetric; carrier: string | null; corridor: string | null }): TrendTarget[] {
  const { token, onUnauthorized } = useSession();
  const load = useCallback((signal: AbortSignal) => fetchPolicies({ token, signal }), [token]);
  const policies = useApiQuery({ requestKey: 'trend-policies', load, onUnauthorized });
  return useMemo(
    () => (carrier === null || policies.data === null ? [] : applicableTargets({ policies: policies.data, metric, carrier, corridor })),
    [policies.data, metric, carrier, corridor],
  );
}
