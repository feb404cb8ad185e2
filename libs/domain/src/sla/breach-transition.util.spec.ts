import fc from 'fast-check';
import { ActiveBreach, applyBreachAction, nextBreachAction, worseValue } from './breach-transition.util';
import { SlaMeasurement } from './sla-measurement.util';
import { activeBreach, AS_OF, measurement, slaPolicy } from './sla-test.factory';
import { slaVerdict } from './sla-verdict.util';

const gte = slaPolicy({ op: 'gte', threshold: 0.9, windowDays: 7, minSample: 30 });
const lte = slaPolicy({ metric: 'transit_p90_days', op: 'lte', threshold: 14, windowDays: 7, minSample: 30 });

describe('nextBreachAction', () => {
  it('stamps opening and last evaluation with the instant asked for, the window with asOf floored', () => {
    const evaluatedAt = new Date(AS_OF.getTime() + 8 * 60_000);
    const action = nextBreachAction({ active: null, verdict: 'violates', measurement: measurement({ value: 0.6 }), asOf: AS_OF, policy: gte, evaluatedAt });
    expect(action).toMatchObject({ kind: 'open', openedAt: evaluatedAt, lastEvaluatedAt: evaluatedAt, windowTo: AS_OF });
  });

  it('a later evaluation inside the same quarter hour still updates the value and last evaluation', () => {
    const active = activeBreach({ lastEvaluatedAt: new Date(AS_OF.getTime() + 3 * 60_000) });
    const evaluatedAt = new Date(AS_OF.getTime() + 9 * 60_000);
    const action = nextBreachAction({ active, verdict: 'violates', measurement: measurement({ value: 0.7 }), asOf: AS_OF, policy: gte, evaluatedAt });
    expect(action).toMatchObject({ kind: 'update', value: 0.7, lastEvaluatedAt: evaluatedAt });
  });

  it('a violation with no active breach opens one at asOf with its evidence', () => {
    expect(nextBreachAction({ active: null, verdict: 'violates', measurement: measurement({ value: 0.842, sample: 233 }), asOf: AS_OF, policy: gte })).toEqual({
      kind: 'open',
      value: 0.842,
      worstValue: 0.842,
      sample: 233,
      windowFrom: new Date('2026-11-16T00:00:00.000Z'),
      windowTo: AS_OF,
      openedAt: AS_OF,
      lastEvaluatedAt: AS_OF,
    });
  });

  it('a violation with an active breach updates value, sample, window and lastEvaluatedAt', () => {
    const action = nextBreachAction({ active: activeBreach(), verdict: 'violates', measurement: measurement({ value: 0.83, sample: 250 }), asOf: AS_OF, policy: gte });
    expect(action).toEqual({
      kind: 'update',
      value: 0.83,
      worstValue: 0.81,
      sample: 250,
      windowFrom: new Date('2026-11-16T00:00:00.000Z'),
      windowTo: AS_OF,
      lastEvaluatedAt: AS_OF,
    });
  });

  it('gte: a lower value becomes the worst value', () => {
    const action = nextBreachAction({ active: activeBreach({ worstValue: 0.81 }), verdict: 'violates', measurement: measurement({ value: 0.7 }), asOf: AS_OF, policy: gte });
    expect(action).toMatchObject({ kind: 'update', worstValue: 0.7 });
  });

  it('lte: a higher value becomes the worst value, a lower one does not', () => {
    const active = activeBreach({ value: 15, worstValue: 16 });
    expect(nextBreachAction({ active, verdict: 'violates', measurement: measurement({ value: 17.5, successes: null }), asOf: AS_OF, policy: lte })).toMatchObject({ worstValue: 17.5 });
    expect(nextBreachAction({ active, verdict: 'violates', measurement: measurement({ value: 15.5, successes: null }), asOf: AS_OF, policy: lte })).toMatchObject({ worstValue: 16 });
  });

  it('compliance resolves at asOf', () => {
    expect(nextBreachAction({ active: activeBreach(), verdict: 'complies', measurement: measurement({ value: 0.95 }), asOf: AS_OF, policy: gte })).toEqual({ kind: 'resolve', resolvedAt: AS_OF });
  });

  it('compliance resolves an acknowledged breach too', () => {
    expect(nextBreachAction({ active: activeBreach({ status: 'acknowledged' }), verdict: 'complies', measurement: measurement({ value: 0.95 }), asOf: AS_OF, policy: gte })).toEqual({
      kind: 'resolve',
      resolvedAt: AS_OF,
    });
  });

  it('compliance with no active breach does nothing', () => {
    expect(nextBreachAction({ active: null, verdict: 'complies', measurement: measurement({ value: 0.95 }), asOf: AS_OF, policy: gte })).toEqual({ kind: 'none' });
  });

  it('insufficient sample leaves an open breach open', () => {
    expect(nextBreachAction({ active: activeBreach(), verdict: 'insufficient_data', measurement: measurement({ value: 0.99, sample: 3 }), asOf: AS_OF, policy: gte })).toEqual({ kind: 'none' });
  });

  it('insufficient sample never opens a breach', () => {
    expect(nextBreachAction({ active: null, verdict: 'insufficient_data', measurement: measurement({ value: 0.1, sample: 3 }), asOf: AS_OF, policy: gte })).toEqual({ kind: 'none' });
  });

  it('re-evaluating at the same asOf changes nothing', () => {
    const m = measurement({ value: 0.83, sample: 250 });
    const once = applyBreachAction(null, nextBreachAction({ active: null, verdict: 'violates', measurement: m, asOf: AS_OF, policy: gte }));
    const again = nextBreachAction({ active: once, verdict: 'violates', measurement: m, asOf: AS_OF, policy: gte });
    expect(again.kind).toBe('update');
    expect(applyBreachAction(once, again)).toEqual(once);
  });

  it('an evaluation older than the last one changes nothing', () => {
    const active = activeBreach({ lastEvaluatedAt: AS_OF });
    const earlier = new Date(AS_OF.getTime() - 3_600_000);
    expect(nextBreachAction({ active, verdict: 'violates', measurement: measurement({ value: 0.5 }), asOf: earlier, policy: gte })).toEqual({ kind: 'none' });
    expect(nextBreachAction({ active, verdict: 'complies', measurement: measurement({ value: 0.99 }), asOf: earlier, policy: gte })).toEqual({ kind: 'none' });
  });

  it('does not share Date objects with its input', () => {
    const action = nextBreachAction({ active: null, verdict: 'violates', measurement: measurement(), asOf: AS_OF, policy: gte });
    if (action.kind !== 'open') throw new Error(`expected open, got ${action.kind}`);
    expect(action.openedAt).not.toBe(AS_OF);
    expect(action.openedAt).toEqual(AS_OF);
  });
});

describe('applyBreachAction', () => {
  it('opens an open breach, keeps status on update, drops it on resolve', () => {
    const opened = applyBreachAction(null, nextBreachAction({ active: null, verdict: 'violates', measurement: measurement(), asOf: AS_OF, policy: gte }));
    expect(opened?.status).toBe('open');
    const acknowledged: ActiveBreach = { ...opened!, status: 'acknowledged' };
    const later = new Date(AS_OF.getTime() + 600_000);
    expect(applyBreachAction(acknowledged, nextBreachAction({ active: acknowledged, verdict: 'violates', measurement: measurement({ value: 0.8 }), asOf: later, policy: gte }))?.status).toBe('acknowledged');
    expect(applyBreachAction(acknowledged, { kind: 'resolve', resolvedAt: later })).toBeNull();
  });
});

describe('breach evaluation properties', () => {
  const measurementArb = fc.record<SlaMeasurement>({
    value: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    sample: fc.integer({ min: 0, max: 500 }),
    successes: fc.constant(null),
  });
  const stepArb = fc.record({ measurement: measurementArb, minutesLater: fc.integer({ min: 0, max: 1440 }) });

  const evaluate = (active: ActiveBreach | null, m: SlaMeasurement, asOf: Date) =>
    nextBreachAction({ active, verdict: slaVerdict({ policy: gte, measurement: m }), measurement: m, asOf, policy: gte });

  it('evaluating twice at each asOf ends where evaluating once does', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        let once: ActiveBreach | null = null;
        let twice: ActiveBreach | null = null;
        let at = AS_OF.getTime();
        for (const step of steps) {
          at += step.minutesLater * 60_000;
          const asOf = new Date(at);
          once = applyBreachAction(once, evaluate(once, step.measurement, asOf));
          twice = applyBreachAction(twice, evaluate(twice, step.measurement, asOf));
          twice = applyBreachAction(twice, evaluate(twice, step.measurement, asOf));
          expect(twice).toEqual(once);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the worst value of an active breach never gets better and is never better than its value', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        let active: ActiveBreach | null = null;
        let at = AS_OF.getTime();
        for (const step of steps) {
          at += step.minutesLater * 60_000;
          const before: ActiveBreach | null = active;
          active = applyBreachAction(active, evaluate(active, step.measurement, new Date(at)));
          if (active) expect(active.worstValue).toBeLessThanOrEqual(active.value);
          if (before && active) expect(active.worstValue).toBeLessThanOrEqual(before.worstValue);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('worseValue', () => {
  it('is the higher for lte and the lower for gte', () => {
    expect(worseValue('lte', 3, 5)).toBe(5);
    expect(worseValue('gte', 0.8, 0.9)).toBe(0.8);
  });
});
