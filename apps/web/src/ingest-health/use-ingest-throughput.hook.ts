import { useCallback, useState } from 'react';
import { formatApiInstant } from '../filters/dashboard-query.util';
import { useApiQuery, type ApiQueryState } from '../shared/use-api-query.hook';
import { fetchIngestThroughput } from './ingest-throughput-api';
import { type IngestThroughput, throughputWindow } from './ingest-throughput.util';

const MINUTE_MS = 60_000;

type UseIngestThroughputOptions = { token: string; onUnauthorized: () => void; nowMs: number; hours?: number };

// Asks again at most once a minute as nowMs moves on (the counters are hourly), and keeps showing
// the previous answer meanwhile so the chart does not blink back to "loading" on every refresh.
export function useIngestThroughput({ token, onUnauthorized, nowMs, hours }: UseIngestThroughputOptions): ApiQueryState<IngestThroughput> & { stale: boolean } {
  const { fromMs, toMs } = throughputWindow({ nowMs, hours });
  const from = formatApiInstant(fromMs);
  const to = formatApiInstant(toMs);
  const load = useCallback((signal: AbortSignal) => fetchIngestThroughput({ token, signal, from, to }), [token, from, to]);
  const query = useApiQuery({ requestKey: `ingest-throughput|${from}|${to}|${Math.floor(nowMs / MINUTE_MS)}`, load, onUnauthorized });
  const [last, setLast] = useState<IngestThroughput | null>(null);
  if (query.data !== null && query.data !== last) {
    setLast(query.data);
  }
  const data = query.data ?? last;
  return {
    ...query,
    data,
    loading: query.loading && data === null,
    // A failed refresh keeps the last answer on screen, flagged.
    error: data === null ? query.error : null,
    stale: data !== null && query.error !== null,
  };
}
