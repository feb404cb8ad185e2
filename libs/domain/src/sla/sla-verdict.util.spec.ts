import fc from 'fast-check';
import { measurement, slaPolicy } from './sla-test.factory';
import { burnRateVerdict, policyVerdict, slaVerdict } from './sla-verdict.util';

describe('slaVerdict', () => {
  it('gives insufficient_data below minSample, however bad the value', () => {
    expect(slaVerdict({ policy: slaPolicy({ minSample: 30 }), measurement: measurement({ value: 0.1, sample: 29, successes: 3 }) })).toBe('insufficient_data');
  });

  it('gives a verdict at exactly minSample', () => {
    expect(slaVerdict({ policy: slaPolicy({ minSample: 30 }), measurement: measurement({ value: 0.1, sample: 30, successes: 3 }) })).toBe('violates');
  });

  it('gives insufficient_data when the value is null', () => {
    expect(slaVerdict({ policy: slaPolicy(), measurement: measurement({ value: null, sample: 500 }) })).toBe('insufficient_data');
  });

  it('gte violates below the threshold, not at it', () => {
    const policy = slaPolicy({ op: 'gte', threshold: 0.9 });
    expect(slaVerdict({ policy, measurement: measurement({ value: 0.8999, successes: null }) })).toBe('violates');
    expect(slaVerdict({ policy, measurement: measurement({ value: 0.9, successes: null }) })).toBe('complies');
    expect(slaVerdict({ policy, measurement: measurement({ value: 0.95, successes: null }) })).toBe('complies');
  });

  it('lte violates above the threshold, not at it', () => {
    const policy = slaPolicy({ metric: 'transit_p90_days', op: 'lte', threshold: 14 });
    expect(slaVerdict({ policy, measurement: measurement({ value: 14.01, successes: null }) })).toBe('violates');
    expect(slaVerdict({ policy, measurement: measurement({ value: 14, successes: null }) })).toBe('complies');
    expect(slaVerdict({ policy, measurement: measurement({ value: 3, successes: null }) })).toBe('complies');
  });

  describe('with the Wilson guard', () => {
    const guarded = slaPolicy({ op: 'gte', threshold: 0.9, minSample: 20, wilsonGuard: true });

    it("wilson guard holds a small lane's dip", () => {
      // 17 of 20 = 85 %, but the 95 % interval (0.64, 0.95) still reaches 90 %.
      const dip = measurement({ value: 17 / 20, sample: 20, successes: 17 });
      expect(slaVerdict({ policy: { ...guarded, wilsonGuard: false }, measurement: dip })).toBe('violates');
      expect(slaVerdict({ policy: guarded, measurement: dip })).toBe('complies');
    });

    it('still opens on a large lane whose whole interval is below the threshold', () => {
      // 702 of 801: interval (0.8518, 0.8974), all of it below 90 %.
      expect(slaVerdict({ policy: guarded, measurement: measurement({ value: 702 / 801, sample: 801, successes: 702 }) })).toBe('violates');
    });

    it('for lte needs the whole interval above the threshold', () => {
      const policy = slaPolicy({ metric: 'unmapped_rate', op: 'lte', threshold: 0.02, corridor: null, minSample: 20, wilsonGuard: true });
      expect(slaVerdict({ policy, measurement: measurement({ value: 2 / 40, sample: 40, successes: 2 }) })).toBe('complies');
      expect(slaVerdict({ policy, measurement: measurement({ value: 100 / 1000, sample: 1000, successes: 100 }) })).toBe('violates');
    });

    it('derives the successes from value and sample when they are not given', () => {
      expect(slaVerdict({ policy: guarded, measurement: measurement({ value: 17 / 20, sample: 20, successes: null }) })).toBe('complies');
    });

    it('is ignored on a duration metric', () => {
      const policy = slaPolicy({ metric: 'transit_p90_days', op: 'lte', threshold: 14, wilsonGuard: true });
      expect(slaVerdict({ policy, measurement: measurement({ value: 15, sample: 50, successes: null }) })).toBe('violates');
    });

    it('never violates where the plain rule complies', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('lte' as const, 'gte' as const), ([successes, trials], threshold, op) => {
          const policy = slaPolicy({ op, threshold, minSample: 1 });
          const m = measurement({ value: successes / trials, sample: trials, successes });
          const guardedVerdict = slaVerdict({ policy: { ...policy, wilsonGuard: true }, measurement: m });
          const plainVerdict = slaVerdict({ policy, measurement: m });
          if (guardedVerdict === 'violates') expect(plainVerdict).toBe('violates');
        }),
        { numRuns: 500 },
      );
    });
  });
});

describe('burnRateVerdict', () => {
  const policy = slaPolicy({ op: 'gte', threshold: 0.9, minSample: 30, burnRate: { shortWindowDays: 1, longWindowDays: 7 } });
  const bad = measurement({ value: 0.8, sample: 200, successes: 160 });
  const good = measurement({ value: 0.95, sample: 200, successes: 190 });
  const thin = measurement({ value: 0.5, sample: 10, successes: 5 });

  it('violates only when both windows violate', () => {
    expect(burnRateVerdict({ policy, short: bad, long: bad })).toBe('violates');
  });

  it('complies on a blip: the short window violates, the long one complies', () => {
    expect(burnRateVerdict({ policy, short: bad, long: good })).toBe('complies');
  });

  it('complies on a recovery: the long window violates, the short one complies', () => {
    expect(burnRateVerdict({ policy, short: good, long: bad })).toBe('complies');
  });

  it('gives insufficient_data when the short window is too thin to confirm a violation', () => {
    expect(burnRateVerdict({ policy, short: thin, long: bad })).toBe('insufficient_data');
  });

  it('gives insufficient_data when neither window has enough data', () => {
    expect(burnRateVerdict({ policy, short: thin, long: thin })).toBe('insufficient_data');
  });
});

describe('policyVerdict', () => {
  const bad = measurement({ value: 0.8, sample: 200, successes: 160 });
  const good = measurement({ value: 0.95, sample: 200, successes: 190 });

  it('is slaVerdict over the long window for a policy without a burn rate, whatever the short window says', () => {
    const policy = slaPolicy({ op: 'gte', threshold: 0.9, minSample: 30 });
    expect(policyVerdict({ policy, long: bad, short: good })).toBe('violates');
    expect(policyVerdict({ policy, long: good })).toBe('complies');
  });

  it('is burnRateVerdict for a burn-rate policy, and an unmeasured short window confirms no violation', () => {
    const policy = slaPolicy({ op: 'gte', threshold: 0.9, minSample: 30, burnRate: { shortWindowDays: 1, longWindowDays: 7 } });
    expect(policyVerdict({ policy, long: bad, short: bad })).toBe('violates');
    expect(policyVerdict({ policy, long: bad, short: good })).toBe('complies');
    expect(policyVerdict({ policy, long: bad })).toBe('insufficient_data');
    expect(policyVerdict({ policy, long: good, short: null })).toBe('complies');
  });
});
