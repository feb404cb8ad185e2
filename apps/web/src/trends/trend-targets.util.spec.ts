import { describe, expect, it } from '@jest/globals';
import { carrierScorecardFactory } from '../api/api-types.factory';
import { breachFactory } from '../breaches/breach.factory';
import { slaPolicyFactory } from '../scorecard/sla-policy.factory';
import { applicableTargets, defaultTrendCarrier } from './trend-targets.util';

const onTime = (rate: number | null) => ({ delivered: 10, onTime: 5, rate, ci95: null });

describe('applicableTargets', () => {
  const firstAttempt = (overrides: Parameters<typeof slaPolicyFactory>[0]) =>
    slaPolicyFactory({ metric: 'first_attempt_rate', op: 'gte', threshold: 0.9, ...overrides });

  it('draws the carrier’s own and the "*" target on the matching line', () => {
    const policies = [firstAttempt({ carrier: 'laposte' }), firstAttempt({ carrier: '*', threshold: 0.85 }), firstAttempt({ carrier: 'correios', threshold: 0.5 })];
    expect(applicableTargets({ policies, metric: 'firstAttempt', carrier: 'laposte', corridor: null })).toEqual([
      { lineKey: 'rate', value: 0.85, label: 'target' },
      { lineKey: 'rate', value: 0.9, label: 'target' },
    ]);
  });

  it('labels a lane target with its lane, and leaves another lane’s out of a one-lane chart', () => {
    const policies = [firstAttempt({ carrier: 'laposte', corridor: 'FR-BR' })];
    expect(applicableTargets({ policies, metric: 'firstAttempt', carrier: 'laposte', corridor: null })).toEqual([{ lineKey: 'rate', value: 0.9, label: 'target FR-BR' }]);
    expect(applicableTargets({ policies, metric: 'firstAttempt', carrier: 'laposte', corridor: 'CN-BR' })).toEqual([]);
  });

  it('ignores disabled policies and other metrics, and puts a p95 target on the p95 line', () => {
    const policies = [firstAttempt({ carrier: 'laposte', enabled: false }), slaPolicyFactory({ carrier: 'laposte', metric: 'transit_p95_days', threshold: 16 })];
    expect(applicableTargets({ policies, metric: 'firstAttempt', carrier: 'laposte', corridor: null })).toEqual([]);
    expect(applicableTargets({ policies, metric: 'transit', carrier: 'laposte', corridor: null })).toEqual([{ lineKey: 'p95', value: 16, label: 'target' }]);
  });
});

describe('defaultTrendCarrier', () => {
  const carriers = [
    carrierScorecardFactory({ carrier: 'alpha', kpis: { ...carrierScorecardFactory().kpis, onTime: onTime(0.95) } }),
    carrierScorecardFactory({ carrier: 'laposte', kpis: { ...carrierScorecardFactory().kpis, onTime: onTime(0.9) } }),
    carrierScorecardFactory({ carrier: 'zulu', kpis: { ...carrierScorecardFactory().kpis, onTime: onTime(0.6) } }),
  ];

  it('picks the carrier with the most severe open breach, not the first alphabetically', () => {
    const openBreaches = [breachFactory({ carrier: 'zulu', severity: 'minor' }), breachFactory({ carrier: 'laposte', severity: 'critical' })];
    expect(defaultTrendCarrier({ carriers, openBreaches })).toBe('laposte');
  });

  it('falls back to the worst on-time rate without a breach', () => {
    expect(defaultTrendCarrier({ carriers, openBreaches: [] })).toBe('zulu');
  });

  it('ignores a breach of a carrier not in the scorecard, and has nothing without carriers', () => {
    expect(defaultTrendCarrier({ carriers, openBreaches: [breachFactory({ carrier: 'gone' })] })).toBe('zulu');
    expect(defaultTrendCarrier({ carriers: [], openBreaches: [] })).toBeNull();
  });
});
