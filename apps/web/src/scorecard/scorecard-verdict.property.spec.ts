import { describe, expect, it } from '@jest/globals';
import {
  burnRateVerdict,
  SLA_METRIC_INFO,
  slaMeasurement,
  type SlaMeasurementSource,
  type SlaMetric,
  type SlaVerdict,
  slaVerdict,
} from '@lanewatch/domain';
import fc from 'fast-check';
import type { CarrierScorecard, KpiGroupRow } from '../api/api-types';
import { carrierScorecardFactory } from '../api/api-types.factory';
import type { SlaPolicy } from '../api/sla-types';
import { SCORECARD_COLUMNS, type Verdict } from './scorecard-columns.util';
import { judgeAgainstPolicy, scorecardCellVerdict, slaSource } from './scorecard-verdict.util';
import { slaPolicyFactory } from './sla-policy.factory';

// The dashboard's verdict is the SLA evaluator's: for any policy (minSample, Wilson guard, burn rate,
// either operator) and any figures, the colour a scorecard cell or an overview lane gets says what the
// evaluator says of the same figures. The evaluator's side is written as libs/sla's evaluation
// applies the domain: slaMeasurement of the KPI row, then slaVerdict, or burnRateVerdict over the
// short and the long window; the dashboard's side reads the API's response shapes.

const COLUMN_METRICS = SCORECARD_COLUMNS.flatMap((column) => (column.sla ? [column.sla.metric] : []));

type Figures = {
  transit: { count: number; meanDays: number | null; stddevDays: number | null; p50Days: number | null; p90Days: number | null; p95Days: number | null } | null;
  customsHold: { count: number; meanHours: number | null; p90Hours: number | null } | null;
  firstAttempt: { attempted: number; delivered: number } | null;
  onTime: { delivered: number; onTime: number } | null;
  feed: { events: number; unmapped: number; latencyP95Hours: number | null } | null;
};

const stat = fc.option(fc.double({ min: 0, max: 40, noNaN: true }), { nil: null });
const count = fc.integer({ min: 0, max: 120 });
const trials = (max: number) => fc.integer({ min: 0, max }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n })));

const figures: fc.Arbitrary<Figures> = fc.record({
  transit: fc.option(fc.record({ count, meanDays: stat, stddevDays: stat, p50Days: stat, p90Days: stat, p95Days: stat }), { nil: null }),
  customsHold: fc.option(fc.record({ count, meanHours: stat, p90Hours: stat }), { nil: null }),
  firstAttempt: fc.option(trials(300).map(([attempted, delivered]) => ({ attempted, delivered })), { nil: null }),
  onTime: fc.option(trials(300).map(([delivered, onTime]) => ({ delivered, onTime })), { nil: null }),
  feed: fc.option(
    fc.tuple(trials(5000), stat).map(([[events, unmapped], latencyP95Hours]) => ({ events, unmapped, latencyP95Hours })),
    { nil: null },
  ),
});

const rate = (successes: number, n: number) => (n > 0 ? successes / n : null);

// What the KPI read path hands the evaluator (kpis.md §5-6), in the domain's shape.
function evaluatorSource(f: Figures): SlaMeasurementSource {
  return {
    transit: f.transit,
    customsHold: f.customsHold,
    firstAttempt: f.firstAttempt && { ...f.firstAttempt, rate: rate(f.firstAttempt.delivered, f.firstAttempt.attempted) },
    onTime: f.onTime && { ...f.onTime, rate: rate(f.onTime.onTime, f.onTime.delivered) },
    feedLatency: f.feed && { events: f.feed.events, p95Hours: f.feed.latencyP95Hours },
    unmapped: f.feed && { events: f.feed.events, unmapped: f.feed.unmapped, rate: rate(f.feed.unmapped, f.feed.events) },
  };
}

// The same figures as the API answers the dashboard, rounded rates and intervals included.
function kpisOf(f: Figures): CarrierScorecard['kpis'] {
  const round = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);
  return {
    transit: f.transit && { ...f.transit, varianceDays: null },
    customsHold: f.customsHold && { ...f.customsHold, p50Hours: null },
    firstAttempt: f.firstAttempt && { ...f.firstAttempt, rate: round(rate(f.firstAttempt.delivered, f.firstAttempt.attempted)), ci95: null },
    onTime: f.onTime && { ...f.onTime, rate: round(rate(f.onTime.onTime, f.onTime.delivered)), ci95: null },
  };
}

function scorecardOf(f: Figures): CarrierScorecard {
  return carrierScorecardFactory({
    carrier: 'correios',
    kpis: kpisOf(f),
    feed: f.feed && { ...f.feed, latencyP50Hours: null, unmappedRate: rate(f.feed.unmapped, f.feed.events), unmappedCi95: null },
  });
}

const laneOf = (f: Figures): KpiGroupRow => ({ ...kpisOf(f), carrier: 'correios', corridor: 'CN-BR', serviceLevel: null });

type PolicyCase = { metric: SlaMetric; op: 'lte' | 'gte'; threshold: number; minSample: number; wilsonGuard: boolean; shortWindowDays: number | null };

const policyCase = (metrics: readonly SlaMetric[]): fc.Arbitrary<PolicyCase> =>
  fc.constantFrom(...metrics).chain((metric) => {
    const isRate = SLA_METRIC_INFO[metric].unit === 'rate';
    return fc.record({
      metric: fc.constant(metric),
      op: fc.constantFrom('lte' as const, 'gte' as const),
      // Small grids make ties with the figures (equal to the threshold complies) likely.
      threshold: isRate ? fc.integer({ min: 0, max: 20 }).map((n) => n / 20) : fc.integer({ min: 0, max: 80 }).map((n) => n / 2),
      minSample: fc.integer({ min: 0, max: 60 }),
      wilsonGuard: fc.boolean(),
      // Burn rate applies to rate metrics only (sla.md §1).
      shortWindowDays: isRate ? fc.option(fc.integer({ min: 1, max: 27 }), { nil: null }) : fc.constant(null),
    });
  });

function webPolicy(p: PolicyCase): SlaPolicy {
  return slaPolicyFactory({
    metric: p.metric,
    op: p.op,
    threshold: p.threshold,
    minSample: p.minSample,
    wilsonGuard: p.wilsonGuard,
    windowDays: 28,
    burnRate: p.shortWindowDays === null ? null : { shortWindowDays: p.shortWindowDays, longWindowDays: 28 },
  });
}

// libs/sla's evaluation of one scope instance, without the database.
function evaluatorVerdict(p: PolicyCase, long: Figures, short: Figures): SlaVerdict {
  const policy = { metric: p.metric, op: p.op, threshold: p.threshold, minSample: p.minSample, wilsonGuard: p.wilsonGuard };
  const measurement = slaMeasurement(p.metric, evaluatorSource(long));
  if (p.shortWindowDays !== null) {
    return burnRateVerdict({ policy, short: slaMeasurement(p.metric, evaluatorSource(short)), long: measurement });
  }
  return slaVerdict({ policy, measurement });
}

// The dashboard's colours in the evaluator's words: amber is a compliance with the figure past the target.
const AS_EVALUATOR: Record<Verdict, SlaVerdict> = { good: 'complies', warning: 'complies', bad: 'violates' };
const asEvaluator = (verdict: Verdict | null | undefined): SlaVerdict => (verdict ? AS_EVALUATOR[verdict] : 'insufficient_data');

describe('the dashboard verdict is the SLA evaluator verdict', () => {
  it('on scorecard cells, over random policies and figures', () => {
    fc.assert(
      fc.property(policyCase(COLUMN_METRICS), figures, figures, (p, long, short) => {
        const column = SCORECARD_COLUMNS.find((candidate) => candidate.sla?.metric === p.metric)!;
        const cell = scorecardCellVerdict({ column, row: scorecardOf(long), policies: [webPolicy(p)], shortWindow: scorecardOf(short) });
        expect(cell).not.toBeNull();
        expect(asEvaluator(cell!.verdict)).toBe(evaluatorVerdict(p, long, short));
      }),
      { numRuns: 1000 },
    );
  });

  it('on overview lanes and tiles, over random policies and figures', () => {
    const kpiMetrics = COLUMN_METRICS.filter((metric) => !['feed_latency_p95_hours', 'unmapped_rate'].includes(metric));
    fc.assert(
      fc.property(policyCase(kpiMetrics), figures, figures, (p, long, short) => {
        const judged = judgeAgainstPolicy({
          policy: webPolicy(p),
          measurement: { source: slaSource({ kpis: laneOf(long) }), shortWindow: slaSource({ kpis: laneOf(short) }) },
        });
        expect(asEvaluator(judged.verdict)).toBe(evaluatorVerdict(p, long, short));
      }),
      { numRuns: 1000 },
    );
  });

  it('names amber only for a compliance whose figure is past the target, green only for one that is not', () => {
    fc.assert(
      fc.property(policyCase(COLUMN_METRICS), figures, figures, (p, long, short) => {
        const column = SCORECARD_COLUMNS.find((candidate) => candidate.sla?.metric === p.metric)!;
        const cell = scorecardCellVerdict({ column, row: scorecardOf(long), policies: [webPolicy(p)], shortWindow: scorecardOf(short) });
        const value = slaMeasurement(p.metric, evaluatorSource(long)).value;
        if (cell?.verdict === 'warning') expect(value !== null && (p.op === 'lte' ? value > p.threshold : value < p.threshold)).toBe(true);
        // A burn-rate policy complies on its short window alone when the range has no figure.
        if (cell?.verdict === 'good') expect(value === null ? p.shortWindowDays !== null : p.op === 'lte' ? value <= p.threshold : value >= p.threshold).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
