import type { ReviewPack, TermFigure } from '@lanewatch/domain';
import { API_ROOT, ApiError, type RequestOptions, sendJson } from '../api/api-client';
import { asArray, asRecord, text } from '../api/parse.util';
import { authorizationHeader } from '../auth/session-token.store';

// The review pack as the API serves it (contracts.md §4): the domain's own types, not a copy.
export type { ReviewPack, TermFigure };

/** Checks the outline the page relies on; the figures inside are shown as they come. */
export function parseReviewPack(body: unknown): ReviewPack {
  const record = asRecord(body, 'review');
  text(record, 'month', 'review');
  asRecord(record.carrier, 'review.carrier');
  asRecord(record.totals, 'review.totals');
  for (const list of ['terms', 'breaches', 'lanes', 'parcels', 'reasons']) asArray(record[list], `review.${list}`);
  return record as unknown as ReviewPack;
}

export const reviewPath = (carrier: string, month: string) => `/carriers/${encodeURIComponent(carrier)}/review/${encodeURIComponent(month)}`;

export function fetchReviewPack({ carrier, month, ...options }: RequestOptions & { carrier: string; month: string }): Promise<ReviewPack> {
  return sendJson({ ...options, method: 'GET', path: reviewPath(carrier, month), parse: parseReviewPack });
}

/** Downloads the CSV or PDF (the API needs the bearer token, so no plain link). */
export async function downloadReviewFile({ token, carrier, month, format }: { token: string; carrier: string; month: string; format: 'csv' | 'pdf' }): Promise<void> {
  const response = await fetch(`${API_ROOT}${reviewPath(carrier, `${month}.${format}`)}`, { headers: authorizationHeader(token) });
  if (!response.ok) throw new ApiError(`The API answered ${response.status} for the review ${format.toUpperCase()}`, response.status);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `lanewatch-review-${carrier}-${month}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}
