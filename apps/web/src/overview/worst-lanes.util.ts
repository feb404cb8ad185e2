import { SLA_WILDCARD } from '@lanewatch/domain';
import type { Interval, KpiGroupRow } from '../api/api-types';
import type { Breach, SlaPolicy } from '../api/sla-types';
import { formatThreshold } from '../breaches/breach-format.util';
import { rankOpenBreaches } from '../breaches/breach-ranking.util';
import { inclusiveDateInputs } from '../filters/date-range.util';
import { csvFigure, toCsv } from '../shared/csv.util';
import type { Verdict } from '../scorecard/scorecard-columns.util';
import { judgeAgainstPolicy, slaSource, worstVerdict } from '../scorecard/scorecard-verdict.util';
import { wilsonInterval } from './rate-interval.util';

export type LaneMetricId = 'onTimeRate' | 'firstAttemptRate' | 'transitP95';

export type LaneMetric = {
  id: LaneMetricId;
  label: string;
  kind: 'rate' | 'days';
  higherIsBetter: boolean;
  slaMetric: string;
  sampleLabel: string;
  value: (row: KpiGroupRow) => number | null;
  sample: (row: KpiGroupRow) => number | null;
  interval: (row: KpiGroupRow) => Interval | null;
};

export const LANE_METRICS: readonly LaneMetric[] = [
  {
    id: 'onTimeRate',
    label: 'On-time rate',
    kind: 'rate',
    higherIsBetter: true,
    slaMetric: 'on_time_rate',
    sampleLabel: 'deliveries',
    value: (row) => row.onTime?.rate ?? null,
    sample: (row) => row.onTime?.delivered ?? null,
    interval: (row) => wilsonInterval({ successes: row.onTime?.onTime ?? null, trials: row.onTime?.delivered ?? null }),
  },
  {
    id: 'firstAttemptRate',
    label: 'First-attempt rate',
    kind: 'rate',
    higherIsBetter: true,
    slaMetric: 'first_attempt_rate',
    sampleLabel: 'attempts',
    value: (row) => row.firstAttempt?.rate ?? null,
    sample: (row) => row.firstAttempt?.attempted ?? null,
    interval: (row) =>
      wilsonInterval({ successes: row.firstAttempt?.delivered ?? null, trials: row.firstAttempt?.attempted ?? null }),
  },
  {
    id: 'transitP95',
    label: 'Transit p95',
    kind: 'days',
    higherIsBetter: false,
    slaMetric: 'transit_p95_days',
    sampleLabel: 'legs',
    value: (row) => row.transit?.p95Days ?? null,
    sample: (row) => row.transit?.count ?? null,
    interval: () => null,
  },
];

// The SLA default minSample (sla.md §1) is 20: below it a lane's rate is mostly noise.
export const LANE_MIN_SAMPLES = [5, 10, 20, 50, 100] as const;
export const DEFAULT_LANE_MIN_SAMPLE = 20;
export const WORST_LANES_LIMIT = 10;

// Unknown or hand-edited URL values fall back to the defaults instead of failing the page.
export function laneMetric(id: string | null): LaneMetric {
  return LANE_METRICS.find((metric) => metric.id === id) ?? LANE_METRICS[0];
}

export function laneMinSample(text: string | null): number {
  const value = Number(text);
  return (LANE_MIN_SAMPLES as readonly number[]).includes(value) ? value : DEFAULT_LANE_MIN_SAMPLE;
}

// A lane row is one carrier's legs on one corridor, so only policies that name (or fan out over) both
// describe the same figure; a carrier-wide policy (corridor null) measures all its lanes together.
type LanePolicyInput = { policies: readonly SlaPolicy[]; carrier: string; corridor: string; metric: string };

export function policiesForLane({ policies, carrier, corridor, metric }: LanePolicyInput): SlaPolicy[] {
  return policies.filter(
    (policy) =>
      policy.enabled &&
      policy.metric === metric &&
      (policy.carrier === carrier || policy.carrier === SLA_WILDCARD) &&
      (policy.corridor === corridor || policy.corridor === SLA_WILDCARD) &&
      policy.serviceLevel === null,
  );
}

export type LaneTarget = { verdict: Verdict | null; description: string };

export type WorstLane = {
  carrier: string;
  corridor: string;
  value: number;
  sample: number;
  interval: Interval | null;
  // null: no enabled policy targets this lane and metric.
  target: LaneTarget | null;
  // The lane's most urgent open breach (any metric, any service level), which ranks it first.
  breach: Breach | null;
  row: KpiGroupRow;
};

export type WorstLanesResult = { lanes: WorstLane[]; ranked: number; belowMinSample: number };

function laneTarget({ metric, row, policies }: { metric: LaneMetric; row: KpiGroupRow; policies: readonly SlaPolicy[] }): LaneTarget | null {
  const applicable = policiesForLane({ policies, carrier: row.carrier ?? '', corridor: row.corridor ?? '', metric: metric.slaMetric });
  if (applicable.length === 0) {
    return null;
  }
  const judgements = applicable.map((policy) => judgeAgainstPolicy({ policy, measurement: { source: slaSource({ kpis: row }) } }));
  return {
    verdict: worstVerdict(judgements),
    description: judgements.map(({ policy, reason }) => `${formatThreshold(policy)} (${policy.name}): ${reason}`).join('; '),
  };
}

type RankInput = {
  rows: readonly KpiGroupRow[];
  metric: LaneMetric;
  minSample: number;
  policies: readonly SlaPolicy[];
  breaches?: readonly Breach[];
  limit?: number;
};

/** Open breaches scoped to one carrier and corridor, most urgent first (severity, then gap). */
export function laneBreaches({ breaches, carrier, corridor }: { breaches: readonly Breach[]; carrier: string; corridor: string }): Breach[] {
  return rankOpenBreaches(breaches.filter((breach) => breach.status !== 'resolved' && breach.carrier === carrier && breach.corridor === corridor));
}

// Lanes in open breach first, in the overview's breach order (severity, then gap), whatever their sample:
// a lane the SLA already judged is the answer. Then worst first by the chosen metric among lanes with at
// least minSample behind it; equal figures put the larger sample first (the surer problem), then carrier
// and corridor so the order never flickers.
export function rankWorstLanes({ rows, metric, minSample, policies, breaches = [], limit = WORST_LANES_LIMIT }: RankInput): WorstLanesResult {
  const breachOrder = new Map(rankOpenBreaches(breaches.filter((breach) => breach.status !== 'resolved')).map((breach, index) => [breach.id, index]));
  let belowMinSample = 0;
  const candidates: WorstLane[] = [];
  for (const row of rows) {
    const value = metric.value(row);
    if (row.carrier === null || row.corridor === null || value === null) {
      continue;
    }
    const sample = metric.sample(row) ?? 0;
    const breach = laneBreaches({ breaches, carrier: row.carrier, corridor: row.corridor })[0] ?? null;
    if (sample < minSample && breach === null) {
      belowMinSample += 1;
      continue;
    }
    candidates.push({ carrier: row.carrier, corridor: row.corridor, value, sample, interval: metric.interval(row), target: null, breach, row });
  }
  const rank = (lane: WorstLane) => (lane.breach === null ? Number.POSITIVE_INFINITY : (breachOrder.get(lane.breach.id) ?? Number.POSITIVE_INFINITY));
  candidates.sort(
    (a, b) =>
      (rank(a) === rank(b) ? 0 : rank(a) < rank(b) ? -1 : 1) ||
      (metric.higherIsBetter ? a.value - b.value : b.value - a.value) ||
      b.sample - a.sample ||
      a.carrier.localeCompare(b.carrier) ||
      a.corridor.localeCompare(b.corridor),
  );
  const lanes = candidates.slice(0, limit).map((lane) => ({ ...lane, target: laneTarget({ metric, row: lane.row, policies }) }));
  return { lanes, ranked: candidates.length, belowMinSample };
}

// Raw figures like the scorecard CSV: rates as fractions, empty cells for no data, the window on every row.
export function worstLanesCsv({ lanes, metric, from, to }: { lanes: readonly WorstLane[]; metric: LaneMetric; from: string; to: string }): string {
  return toCsv({
    header: [
      'rank',
      'corridor',
      'carrier',
      'ranked_by',
      'value',
      'sample',
      'ci95_low',
      'ci95_high',
      'sla_verdict',
      'on_time_rate',
      'on_time_delivered',
      'first_attempt_rate',
      'first_attempt_attempted',
      'transit_p50_days',
      'transit_p95_days',
      'transit_count',
      'window_from',
      'window_to',
    ],
    rows: lanes.map((lane, index) => [
      index + 1,
      lane.corridor,
      lane.carrier,
      metric.id,
      csvFigure(lane.value, metric.kind),
      lane.sample,
      lane.interval?.low ?? null,
      lane.interval?.high ?? null,
      lane.target?.verdict ?? null,
      lane.row.onTime?.rate ?? null,
      lane.row.onTime?.delivered ?? null,
      lane.row.firstAttempt?.rate ?? null,
      lane.row.firstAttempt?.attempted ?? null,
      lane.row.transit?.p50Days ?? null,
      lane.row.transit?.p95Days ?? null,
      lane.row.transit?.count ?? null,
      from,
      to,
    ]),
  });
}

export function worstLanesCsvFileName({ from, to }: { from: string; to: string }): string {
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) {
    return 'lanewatch-worst-lanes.csv';
  }
  const { firstDay, lastDay } = inclusiveDateInputs({ fromMs, toMs });
  return `lanewatch-worst-lanes-${firstDay}-to-${lastDay}.csv`;
}
