import { describe, expect, it } from '@jest/globals';
import { carrierScorecardFactory } from '../api/api-types.factory';
import { SCORECARD_COLUMNS, type ScorecardColumn } from './scorecard-columns.util';
import { policiesForCarrierMetric, scorecardCellVerdict } from './scorecard-verdict.util';
import { slaPolicyFactory } from './sla-policy.factory';

function column(id: string): ScorecardColumn {
  const found = SCORECARD_COLUMNS.find((candidate) => candidate.id === id);
  if (!found) {
    throw new Error(`no column ${id}`);
  }
  return found;
}

// Factory row: transit p95 15 d over 812 legs; first attempt 87.64 % over 801, interval 85–90 %.
const row = carrierScorecardFactory();
const p95 = column('transitP95');
const firstAttempt = column('firstAttemptRate');

describe('policiesForCarrierMetric', () => {
  it('keeps enabled policies on the carrier or "*" without corridor or service level', () => {
    const policies = [
      slaPolicyFactory({ id: 'own' }),
      slaPolicyFactory({ id: 'all', carrier: '*' }),
      slaPolicyFactory({ id: 'other', carrier: 'dhl' }),
      slaPolicyFactory({ id: 'lane', corridor: 'CN-BR' }),
      slaPolicyFactory({ id: 'service', serviceLevel: 'express' }),
      slaPolicyFactory({ id: 'off', enabled: false }),
      slaPolicyFactory({ id: 'aggregate', carrier: null }),
      slaPolicyFactory({ id: 'metric', metric: 'transit_p50_days' }),
    ];
    expect(policiesForCarrierMetric({ policies, carrier: 'correios', metric: 'transit_p95_days' }).map(({ id }) => id)).toEqual([
      'own',
      'all',
    ]);
  });
});

describe('scorecardCellVerdict', () => {
  it('is null for a column without an SLA metric', () => {
    expect(scorecardCellVerdict({ column: column('transitCount'), row, policies: [slaPolicyFactory()] })).toBeNull();
  });

  it('is null when no policy scopes the carrier', () => {
    expect(scorecardCellVerdict({ column: p95, row, policies: [slaPolicyFactory({ carrier: 'dhl' })] })).toBeNull();
  });

  it('is green when the value meets the threshold, and names the target', () => {
    const verdict = scorecardCellVerdict({ column: p95, row, policies: [slaPolicyFactory({ threshold: 16 })] });
    expect(verdict?.verdict).toBe('good');
    expect(verdict?.description).toBe('SLA target ≤ 16.0 d (Correios transit p95): meets it');
  });

  it('counts a value equal to the threshold as meeting it', () => {
    expect(scorecardCellVerdict({ column: p95, row, policies: [slaPolicyFactory({ threshold: 15 })] })?.verdict).toBe('good');
  });

  it('is red when a non-rate figure misses the threshold', () => {
    expect(scorecardCellVerdict({ column: p95, row, policies: [slaPolicyFactory({ threshold: 14 })] })?.verdict).toBe('bad');
  });

  it('gives no colour when the sample is below minSample, whatever the value: the evaluator says insufficient data', () => {
    const verdict = scorecardCellVerdict({ column: p95, row, policies: [slaPolicyFactory({ threshold: 14, minSample: 1000 })] });
    expect(verdict?.verdict).toBeNull();
    expect(verdict?.description).toContain('insufficient data: sample 812 below the minimum of 1000');
  });

  it('is red when a rate misses without the Wilson guard, as the evaluator breaches on the figure alone', () => {
    const policy = slaPolicyFactory({ metric: 'first_attempt_rate', op: 'gte', threshold: 0.89 });
    expect(scorecardCellVerdict({ column: firstAttempt, row, policies: [policy] })?.verdict).toBe('bad');
  });

  it('is red when a guarded rate misses and its whole Wilson interval is past the threshold', () => {
    const policy = slaPolicyFactory({ metric: 'first_attempt_rate', op: 'gte', threshold: 0.91, wilsonGuard: true });
    expect(scorecardCellVerdict({ column: firstAttempt, row, policies: [policy] })?.verdict).toBe('bad');
  });

  it('is amber when a guarded rate misses but its interval still reaches the threshold', () => {
    const policy = slaPolicyFactory({ metric: 'first_attempt_rate', op: 'gte', threshold: 0.89, wilsonGuard: true });
    const verdict = scorecardCellVerdict({ column: firstAttempt, row, policies: [policy] });
    expect(verdict?.verdict).toBe('warning');
    expect(verdict?.description).toBe('SLA target ≥ 89.0 % (Correios transit p95): misses it, but within the 95 % interval');
  });

  it('takes the Wilson interval from the counts, as the evaluator does, not from the row’s ci95', () => {
    const noInterval = carrierScorecardFactory({
      kpis: { ...row.kpis, firstAttempt: { attempted: 801, delivered: 702, rate: 0.8764, ci95: null } },
    });
    const policy = slaPolicyFactory({ metric: 'first_attempt_rate', op: 'gte', threshold: 0.89, wilsonGuard: true });
    expect(scorecardCellVerdict({ column: firstAttempt, row: noInterval, policies: [policy] })?.verdict).toBe('warning');
  });

  it('judges a guarded upper-bound rate (lte) by the interval low end', () => {
    // Unmapped 0.25 %, interval 0.17–0.36 %.
    const unmapped = column('unmappedRate');
    const red = slaPolicyFactory({ metric: 'unmapped_rate', threshold: 0.001, wilsonGuard: true });
    const amber = slaPolicyFactory({ metric: 'unmapped_rate', threshold: 0.002, wilsonGuard: true });
    expect(scorecardCellVerdict({ column: unmapped, row, policies: [red] })?.verdict).toBe('bad');
    expect(scorecardCellVerdict({ column: unmapped, row, policies: [amber] })?.verdict).toBe('warning');
  });

  describe('a burn-rate policy', () => {
    const burn = slaPolicyFactory({ metric: 'first_attempt_rate', op: 'gte', threshold: 0.95, windowDays: 28, burnRate: { shortWindowDays: 7, longWindowDays: 28 } });
    const recovered = carrierScorecardFactory({ kpis: { ...row.kpis, firstAttempt: { attempted: 200, delivered: 196, rate: 0.98, ci95: null } } });

    it('is red only when the short window misses too', () => {
      expect(scorecardCellVerdict({ column: firstAttempt, row, policies: [burn], shortWindow: row })?.verdict).toBe('bad');
    });

    it('is amber when the range misses but the short window meets it (a recovery)', () => {
      const verdict = scorecardCellVerdict({ column: firstAttempt, row, policies: [burn], shortWindow: recovered });
      expect(verdict?.verdict).toBe('warning');
      expect(verdict?.description).toContain('misses it over the range, but not over the last 7 days');
    });

    it('gives no colour without the short window: a miss is not confirmed', () => {
      const verdict = scorecardCellVerdict({ column: firstAttempt, row, policies: [burn] });
      expect(verdict?.verdict).toBeNull();
      expect(verdict?.description).toContain('a burn-rate target needs the last 7 days too');
    });
  });

  it('gives no colour but keeps the target when there is no figure', () => {
    const empty = carrierScorecardFactory({ kpis: { ...row.kpis, transit: null } });
    const verdict = scorecardCellVerdict({ column: p95, row: empty, policies: [slaPolicyFactory()] });
    expect(verdict?.verdict).toBeNull();
    expect(verdict?.description).toContain('≤ 16.0 d');
  });

  it('takes the worst verdict when several policies apply', () => {
    const policies = [slaPolicyFactory({ id: 'loose', threshold: 20 }), slaPolicyFactory({ id: 'tight', carrier: '*', threshold: 14 })];
    const verdict = scorecardCellVerdict({ column: p95, row, policies });
    expect(verdict?.verdict).toBe('bad');
    expect(verdict?.judgements.map(({ verdict: judged }) => judged)).toEqual(['good', 'bad']);
  });
});
