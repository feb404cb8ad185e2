import type { CarrierScorecard, KpiGroupRow } from '../api/api-types';
import type { SlaPolicy } from '../api/sla-types';
import { formatThreshold } from '../breaches/breach-format.util';
import { SCORECARD_COLUMNS, type Verdict } from '../scorecard/scorecard-columns.util';
import { judgeAgainstPolicy, type Measurement, scorecardCellVerdict, slaSource, worstVerdict } from '../scorecard/scorecard-verdict.util';
import { formatCount, formatDays, formatHours, formatRate } from '../shared/kpi-format.util';
import { policiesForLane } from './worst-lanes.util';

// "Against target" on the overview: the tile's figure is the whole network's (shipment facts, GET /kpis
// without groupBy) over the chosen range. Most SLA policies target one carrier or every carrier, so the
// tile counts how many carriers with an enabled target on the metric meet it over the same range, judged
// exactly as the scorecard cells are (same util, same colours), and likewise the carrier × corridor lanes
// that lane-scoped policies target, judged on the lane's figure as the worst-lanes table does; a
// network-wide policy (no carrier, corridor or service level) is judged on the tile's own figure. It is not the SLA evaluator's rolling
// window: breaches (the tiles above) say that.
export type TileDefinition = {
  id: string;
  label: string;
  kind: 'rate' | 'days' | 'hours';
  value: (row: KpiGroupRow) => number | null;
  sample: (row: KpiGroupRow) => number | null;
  sampleNoun: string;
  // The SLA metric the targets are on and the scorecard column that shows it per carrier.
  slaMetric: string;
  scorecardColumnId: string;
  // When the targets are on another statistic than the tile shows (customs: p50 shown, p90 targeted),
  // a note saying so; a lane or network policy is judged on its own metric's figure.
  targetNote: string | null;
};

export const KPI_TILES: readonly TileDefinition[] = [
  {
    id: 'onTimeRate',
    label: 'On-time rate',
    kind: 'rate',
    value: (row) => row.onTime?.rate ?? null,
    sample: (row) => row.onTime?.delivered ?? null,
    sampleNoun: 'deliveries',
    slaMetric: 'on_time_rate',
    scorecardColumnId: 'onTimeRate',
    targetNote: null,
  },
  {
    id: 'firstAttemptRate',
    label: 'First-attempt rate',
    kind: 'rate',
    value: (row) => row.firstAttempt?.rate ?? null,
    sample: (row) => row.firstAttempt?.attempted ?? null,
    sampleNoun: 'attempts',
    slaMetric: 'first_attempt_rate',
    scorecardColumnId: 'firstAttemptRate',
    targetNote: null,
  },
  {
    id: 'transitP50',
    label: 'Transit p50',
    kind: 'days',
    value: (row) => row.transit?.p50Days ?? null,
    sample: (row) => row.transit?.count ?? null,
    sampleNoun: 'shipments',
    slaMetric: 'transit_p50_days',
    scorecardColumnId: 'transitP50',
    targetNote: null,
  },
  {
    id: 'transitP95',
    label: 'Transit p95',
    kind: 'days',
    value: (row) => row.transit?.p95Days ?? null,
    sample: (row) => row.transit?.count ?? null,
    sampleNoun: 'shipments',
    slaMetric: 'transit_p95_days',
    scorecardColumnId: 'transitP95',
    targetNote: null,
  },
  {
    id: 'customsHoldP50',
    label: 'Customs hold p50',
    kind: 'hours',
    value: (row) => row.customsHold?.p50Hours ?? null,
    sample: (row) => row.customsHold?.count ?? null,
    sampleNoun: 'holds',
    // No SLA metric is a p50 of the hold (sla.md §1): the closest targets are on its p90.
    slaMetric: 'customs_hold_p90_hours',
    scorecardColumnId: 'customsHoldP90',
    targetNote: 'targets are on the p90',
  },
];

const FORMAT: Record<TileDefinition['kind'], (value: number | null) => string> = {
  rate: (value) => formatRate(value),
  days: (value) => formatDays(value),
  hours: (value) => formatHours(value),
};

export type CarrierCounts = { meets: number; atRisk: number; misses: number; noData: number };

export type KpiTargetTile = {
  id: string;
  label: string;
  value: string;
  sample: string;
  missing: boolean;
  // The colour of the tile: the worst verdict among carriers and network; null when no target applies.
  verdict: Verdict | null;
  counts: CarrierCounts;
  // "2 of 7 carriers with a target miss it"; null when no carrier has a target.
  carrierSummary: string | null;
  // "1 of 3 lanes with a target misses it"; null when no lane-scoped policy applies.
  laneSummary: string | null;
  // "Network ≥ 95.0 %: meets it"; null without a network-wide policy.
  networkSummary: string | null;
  targetNote: string | null;
};

function networkPolicies(policies: readonly SlaPolicy[], metric: string): SlaPolicy[] {
  return policies.filter(
    (policy) => policy.enabled && policy.metric === metric && policy.carrier === null && policy.corridor === null && policy.serviceLevel === null,
  );
}

function countVerdict(counts: CarrierCounts, verdict: Verdict | null): void {
  if (verdict === null) counts.noData += 1;
  else if (verdict === 'good') counts.meets += 1;
  else if (verdict === 'warning') counts.atRisk += 1;
  else counts.misses += 1;
}

function targetSummary(counts: CarrierCounts, what: { one: string; many: string }): string | null {
  const total = counts.meets + counts.atRisk + counts.misses + counts.noData;
  if (total === 0) {
    return null;
  }
  const noun = total === 1 ? what.one : what.many;
  const verb = counts.misses === 1 || total === 1 ? 'misses' : 'miss';
  const parts = [`${counts.misses} of ${total} ${noun} with a target ${verb} it`];
  if (counts.atRisk > 0) {
    parts.push(`${counts.atRisk} at risk`);
  }
  if (counts.noData > 0) {
    parts.push(`${counts.noData} without data`);
  }
  return parts.join(' · ');
}

type TileInput = {
  definition: TileDefinition;
  network: KpiGroupRow | null;
  carriers: readonly CarrierScorecard[];
  // GET /kpis?groupBy=carrier,corridor over the same range: the figures lane-scoped policies target.
  lanes: readonly KpiGroupRow[];
  policies: readonly SlaPolicy[];
};

// What a policy on the tile's metric is judged on: the targeted statistic, not always the one shown.
const measure = (row: KpiGroupRow | null): Measurement => ({ source: row === null ? {} : slaSource({ kpis: row }) });

export function kpiTargetTile({ definition, network, carriers, lanes, policies }: TileInput): KpiTargetTile {
  const column = SCORECARD_COLUMNS.find(({ id }) => id === definition.scorecardColumnId);
  const counts: CarrierCounts = { meets: 0, atRisk: 0, misses: 0, noData: 0 };
  const verdicts: { verdict: Verdict | null }[] = [];
  for (const row of carriers) {
    const cell = column === undefined ? null : scorecardCellVerdict({ column, row, policies });
    if (cell === null) {
      continue;
    }
    verdicts.push(cell);
    countVerdict(counts, cell.verdict);
  }
  const laneCounts: CarrierCounts = { meets: 0, atRisk: 0, misses: 0, noData: 0 };
  for (const lane of lanes) {
    if (lane.carrier === null || lane.corridor === null) continue;
    for (const policy of policiesForLane({ policies, carrier: lane.carrier, corridor: lane.corridor, metric: definition.slaMetric })) {
      const judgement = judgeAgainstPolicy({ policy, measurement: measure(lane) });
      verdicts.push(judgement);
      countVerdict(laneCounts, judgement.verdict);
    }
  }
  // A lane a policy names that carried nothing in the range has no row: still a target, without data.
  for (const policy of policies) {
    const named = policy.enabled && policy.metric === definition.slaMetric && policy.serviceLevel === null;
    if (!named || policy.carrier === null || policy.carrier === '*' || policy.corridor === null || policy.corridor === '*') continue;
    if (!lanes.some((lane) => lane.carrier === policy.carrier && lane.corridor === policy.corridor)) countVerdict(laneCounts, null);
  }
  const value = network === null ? null : definition.value(network);
  const sample = network === null ? null : definition.sample(network);
  const onNetwork = networkPolicies(policies, definition.slaMetric);
  let networkSummary: string | null = null;
  if (onNetwork.length > 0) {
    const judgements = onNetwork.map((policy) => judgeAgainstPolicy({ policy, measurement: measure(network) }));
    verdicts.push(...judgements);
    networkSummary = judgements.map(({ policy, reason }) => `Network ${formatThreshold(policy)}: ${reason}`).join('; ');
  }
  return {
    id: definition.id,
    label: definition.label,
    value: FORMAT[definition.kind](value),
    sample: sample === null ? `no ${definition.sampleNoun}` : `n = ${formatCount(sample)} ${definition.sampleNoun}`,
    missing: value === null,
    verdict: worstVerdict(verdicts),
    counts,
    carrierSummary: targetSummary(counts, { one: 'carrier', many: 'carriers' }),
    laneSummary: targetSummary(laneCounts, { one: 'lane', many: 'lanes' }),
    networkSummary,
    targetNote: definition.targetNote,
  };
}

// Policies scoped to a service level are left out: no figure on the overview measures what they measure.
export function kpiTargetTiles({ network, carriers, lanes, policies }: Omit<TileInput, 'definition'>): KpiTargetTile[] {
  return KPI_TILES.map((definition) => kpiTargetTile({ definition, network, carriers, lanes, policies }));
}
