import { describe, expect, it } from '@jest/globals';
import { wilsonInterval } from './rate-interval.util';

describe('wilsonInterval', () => {
  it('matches the Wilson 95 % interval of 8 of 10', () => {
    const interval = wilsonInterval({ successes: 8, trials: 10 });
    expect(interval?.low).toBeCloseTo(0.4902, 4);
    expect(interval?.high).toBeCloseTo(0.9433, 4);
  });

  it('reaches exactly 0 and 1 at the extremes', () => {
    expect(wilsonInterval({ successes: 0, trials: 5 })?.low).toBe(0);
    expect(wilsonInterval({ successes: 5, trials: 5 })?.high).toBe(1);
  });

  it('is null without trials or with impossible counts', () => {
    expect(wilsonInterval({ successes: 0, trials: 0 })).toBeNull();
    expect(wilsonInterval({ successes: null, trials: 10 })).toBeNull();
    expect(wilsonInterval({ successes: 11, trials: 10 })).toBeNull();
  });
});
