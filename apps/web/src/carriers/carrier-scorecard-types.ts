import { type CarrierScorecard, parseCarrierScorecard } from '../api/api-types';
import { isRecord } from '../api/parse.util';

// GET /carriers/{code}/scorecard: the window and one carrier's scorecard (README, API overview).
export type CarrierScorecardResponse = { from: string; to: string; asOf: string | null; scorecard: CarrierScorecard };

function instantOrNull(body: Record<string, unknown>, key: string): string | null {
  const value = body[key];
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new TypeError(`scorecard.${key} must be an ISO instant`);
  }
  return value;
}

export function parseCarrierScorecardResponse(body: unknown): CarrierScorecardResponse {
  if (!isRecord(body)) {
    throw new TypeError('scorecard: expected a JSON object');
  }
  const from = instantOrNull(body, 'from');
  const to = instantOrNull(body, 'to');
  if (from === null || to === null) {
    throw new TypeError('scorecard: from and to are required');
  }
  return { from, to, asOf: instantOrNull(body, 'asOf'), scorecard: parseCarrierScorecard(body, 'scorecard') };
}
