import { RateLimiterMemory } from 'rate-limiter-flexible';
import { spendWaiting } from './rate-budget.util';

describe('spendWaiting', () => {
  it('spends at once while the budget lasts', async () => {
    const limiter = new RateLimiterMemory({ points: 2, duration: 1 });
    expect(await spendWaiting(limiter, 'carrier')).toEqual({ spent: true, waitedMs: 0 });
    expect(await spendWaiting(limiter, 'carrier')).toEqual({ spent: true, waitedMs: 0 });
  });

  it('waits for the next window once the budget is spent, while other spenders of the same key are refused', async () => {
    const limiter = new RateLimiterMemory({ points: 1, duration: 1 });
    await limiter.consume('carrier', 1);
    const waiting = spendWaiting(limiter, 'carrier');
    await expect(limiter.consume('carrier', 1)).rejects.toMatchObject({ remainingPoints: 0 });
    const outcome = await waiting;
    expect(outcome).toMatchObject({ spent: true });
    expect((outcome as { waitedMs: number }).waitedMs).toBeGreaterThan(0);
    // Another key's budget was never touched.
    expect((await limiter.consume('other', 1)).remainingPoints).toBe(0);
  });

  it('reports a store that fails instead of waiting on it', async () => {
    const broken = { consume: () => Promise.reject(new Error('redis down')) };
    expect(await spendWaiting(broken, 'carrier')).toEqual({ spent: false, unavailable: new Error('redis down') });
  });
});
