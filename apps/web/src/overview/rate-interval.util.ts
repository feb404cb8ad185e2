import { wilsonInterval as wilson } from '@lanewatch/domain';
import type { Interval } from '../api/api-types';

// GET /kpis rows carry no interval (the scorecard does), yet a lane's or the network's rate needs one
// to be judged like a scorecard cell: the same Wilson score interval the API computes.
export function wilsonInterval({ successes, trials }: { successes: number | null; trials: number | null }): Interval | null {
  if (successes === null || trials === null || !Number.isSafeInteger(trials) || trials <= 0) return null;
  if (!Number.isSafeInteger(successes) || successes < 0 || successes > trials) return null;
  const interval = wilson(successes, trials);
  return interval === null ? null : { low: interval.lower, high: interval.upper };
}
