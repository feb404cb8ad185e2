import { MINUTE_MS } from '@lanewatch/domain';
import { useCallback } from 'react';
import { formatApiInstant } from '../filters/dashboard-query.util';
import { useApiQuery, type ApiQueryState } from '../shared/use-api-query.hook';
import { useKeptAnswer } from '../shared/use-kept-answer.hook';
import { fetchIngestThroughput } from './ingest-throughput-api';
import { type IngestThroughput, throughputWindow } from './ingest-throughput.util';

type UseIngestThroughputOptions = { token: string; onUnauthorized: () => void; nowMs: number; hours?: number };

// Asks again at most once a minute as nowMs moves on (the counters are hourly), and keeps showing
// the previous answer meanwhile so the chart does not blink back to "loading" on every refresh.
export function useIngestThroughput({ token, onUnauthorized, nowMs, hours }: UseIngestThroughputOptions): ApiQueryState<IngestThroughput> & { stale: boolean } {
  const { fromMs, toMs } = throughputWindow({ nowMs, hours });
  const from = formatApiInstant(fromMs);
  const to = formatApiInstant(toMs);
  const load = useCallback((signal: AbortSignal) => fetchIngestThroughput({ token, signal, from, to }), [token, from, to]);
  const query = useApiQuery({ requestKey: `ingest-throughput|${from}|${to}|${Math.floor(nowMs / MINUTE_MS)}`, load, onUnauthorized });
  return useKeptAnswer(query);
}
