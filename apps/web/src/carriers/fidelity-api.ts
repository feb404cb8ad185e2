import { type RequestOptions, sendJson, withQuery } from '../api/api-client';
import { type FidelityAnswer, type IngestFidelity, parseFidelityAnswer, parseIngestFidelity } from './fidelity.util';

type FidelityWindow = RequestOptions & { from: string; to: string; bucket: 'hour' | 'day' };

export function fetchCarrierFidelity({ carrier, from, to, bucket, ...options }: FidelityWindow & { carrier: string }): Promise<FidelityAnswer> {
  const path = withQuery(`/carriers/${encodeURIComponent(carrier)}/fidelity`, { from, to, bucket });
  return sendJson({ ...options, method: 'GET', path, parse: parseFidelityAnswer, acceptedStatuses: [200] });
}

export function fetchIngestFidelity({ from, to, bucket, ...options }: FidelityWindow): Promise<IngestFidelity> {
  const path = withQuery('/ingest/fidelity', { from, to, bucket });
  return sendJson({ ...options, method: 'GET', path, parse: parseIngestFidelity, acceptedStatuses: [200] });
}
