import { type RequestOptions, sendJson, withQuery } from '../api/api-client';
import { type IngestThroughput, parseIngestThroughput } from './ingest-throughput.util';

export function fetchIngestThroughput({ from, to, ...options }: RequestOptions & { from: string; to: string }): Promise<IngestThroughput> {
  const path = withQuery('/ingest/throughput', { from, to });
  return sendJson({ ...options, method: 'GET', path, parse: parseIngestThroughput, acceptedStatuses: [200] });
}
