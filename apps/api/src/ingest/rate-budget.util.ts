import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { setTimeout as delay } from 'node:timers/promises';

export type SpendOutcome = { spent: true; waitedMs: number } | { spent: false; unavailable: unknown };

/**
 * Spends one point of `key`'s budget, waiting for the window to refill when it is spent rather than
 * failing: a long import slows to the budget instead of dying half-way. A store that does not answer
 * is reported, not waited on (the budget is best effort; ingest stays open).
 */
export async function spendWaiting(limiter: Pick<RateLimiterAbstract, 'consume'>, key: string): Promise<SpendOutcome> {
  let waitedMs = 0;
  for (;;) {
    try {
      await limiter.consume(key, 1);
      return { spent: true, waitedMs };
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) return { spent: false, unavailable: result };
      const wait = Math.max(50, result.msBeforeNext);
      await delay(wait);
      waitedMs += wait;
    }
  }
}
