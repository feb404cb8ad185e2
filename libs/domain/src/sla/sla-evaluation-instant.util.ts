import { QUARTER_HOUR_MS } from '../time-units';

/** Rollups have 15-minute resolution at the edges, so an evaluation instant is floored to a quarter hour. */
export function slaEvaluationInstant(asOf: Date): Date {
  return new Date(Math.floor(asOf.getTime() / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);
}
