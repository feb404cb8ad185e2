import {
  isRateMetric,
  isSlaMetric,
  isWrongSide,
  policyVerdict,
  SLA_WILDCARD,
  slaMeasurement,
  type SlaMeasurement,
  type SlaMeasurementSource,
  type SlaVerdict,
} from '@lanewatch/domain';
import type { CarrierScorecard, FeedQuality, KpiFamilyValues, Silence } from '../api/api-types';
import type { SlaPolicy } from '../api/sla-types';
import { formatThreshold } from '../breaches/breach-format.util';
import type { ScorecardColumn, Verdict } from './scorecard-columns.util';

const SEVERITY_OF_VERDICT: Record<Verdict, number> = { good: 0, warning: 1, bad: 2 };

export type PolicyJudgement = { policy: SlaPolicy; verdict: Verdict | null; reason: string };

// verdict null: a target applies but there is no figure to judge, or too little of one (the cell stays neutral).
export type CellVerdict = { verdict: Verdict | null; description: string; judgements: PolicyJudgement[] };

// A scorecard row is one carrier over all its lanes, so only policies on that carrier (or every
// carrier) without a corridor or service level describe the same figure.
export function policiesForCarrierMetric({
  policies,
  carrier,
  metric,
}: {
  policies: readonly SlaPolicy[];
  carrier: string;
  metric: string;
}): SlaPolicy[] {
  return policies.filter(
    (policy) =>
      policy.enabled &&
      policy.metric === metric &&
      (policy.carrier === carrier || policy.carrier === SLA_WILDCARD) &&
      policy.corridor === null &&
      policy.serviceLevel === null,
  );
}

// The figures a policy reads, in the domain's shape (the SLA evaluator reads the same from the KPI read
// path): the API's counts are null where a family has no data, which the domain counts as none.
export function slaSource({
  kpis,
  feed = null,
  silence = null,
}: {
  kpis: KpiFamilyValues;
  feed?: FeedQuality | null;
  silence?: Silence | null;
}): SlaMeasurementSource {
  const { transit, customsHold, firstAttempt, onTime } = kpis;
  return {
    transit: transit && { ...transit, count: transit.count ?? 0 },
    customsHold: customsHold && { ...customsHold, count: customsHold.count ?? 0 },
    firstAttempt: firstAttempt && { attempted: firstAttempt.attempted ?? 0, delivered: firstAttempt.delivered ?? 0, rate: firstAttempt.rate },
    onTime: onTime && { delivered: onTime.delivered ?? 0, onTime: onTime.onTime ?? 0, rate: onTime.rate },
    feedLatency: feed && { events: feed.events ?? 0, p95Hours: feed.latencyP95Hours },
    unmapped: feed && { events: feed.events ?? 0, unmapped: feed.unmapped ?? 0, rate: feed.unmappedRate },
    silent: silence && { active: silence.active ?? 0, silent: silence.silent ?? 0, rate: silence.silentRate },
  };
}

// What a policy is judged on: its metric's value and sample over the shown range (the long window) and,
// for a burn-rate policy, over its short window when the page has it; without it a miss is not confirmed.
export type Measurement = { source: SlaMeasurementSource; shortWindow?: SlaMeasurementSource | null };

const UI_VERDICT: Record<Exclude<SlaVerdict, 'insufficient_data'>, Verdict> = { complies: 'good', violates: 'bad' };

// The SLA evaluator's verdict (policyVerdict in libs/domain: minSample, Wilson guard, burn rate) in the
// dashboard's words: green complies, red violates, no colour for insufficient data; amber complies while
// the figure itself is past the target (inside the Wilson interval, or not in the burn rate's short window).
export function judgeAgainstPolicy({ policy, measurement }: { policy: SlaPolicy; measurement: Measurement }): PolicyJudgement {
  const metric = policy.metric;
  if (!isSlaMetric(metric)) {
    return { policy, verdict: null, reason: `no SLA metric ${metric}` };
  }
  const long = slaMeasurement(metric, measurement.source);
  const burnRate = policy.burnRate;
  const short = measurement.shortWindow ? slaMeasurement(metric, measurement.shortWindow) : null;
  const verdict = policyVerdict({ policy: { ...policy, metric, burnRate }, long, short });
  const wilson = policy.wilsonGuard && isRateMetric(metric);
  if (verdict === 'insufficient_data') {
    return { policy, verdict: null, reason: insufficientReason({ policy, long, short, burnRate }) };
  }
  if (verdict === 'violates') {
    const reason = burnRate
      ? `misses it over both the last ${burnRate.shortWindowDays} days and the range`
      : wilson
        ? 'misses it, the whole 95 % interval past the target'
        : 'misses it';
    return { policy, verdict: UI_VERDICT[verdict], reason };
  }
  if (isWrongSide({ op: policy.op, threshold: policy.threshold, value: long.value })) {
    const shortMeets = burnRate && short !== null && policyVerdict({ policy: { ...policy, metric, burnRate: null }, long: short }) === 'complies';
    const reason = shortMeets ? `misses it over the range, but not over the last ${burnRate.shortWindowDays} days` : 'misses it, but within the 95 % interval';
    return { policy, verdict: 'warning', reason };
  }
  const reason = long.value === null && burnRate ? `meets it over the last ${burnRate.shortWindowDays} days (no data over the range)` : 'meets it';
  return { policy, verdict: UI_VERDICT[verdict], reason };
}

function insufficientReason(input: {
  policy: SlaPolicy;
  long: SlaMeasurement;
  short: SlaMeasurement | null;
  burnRate: { shortWindowDays: number } | null;
}): string {
  const { policy, long, short, burnRate } = input;
  if (long.value === null) {
    return 'no data';
  }
  if (long.sample < policy.minSample) {
    return `insufficient data: sample ${long.sample} below the minimum of ${policy.minSample}`;
  }
  if (burnRate && short === null) {
    return `insufficient data: a burn-rate target needs the last ${burnRate.shortWindowDays} days too, not shown here`;
  }
  if (burnRate && short !== null && short.sample < policy.minSample) {
    return `insufficient data: sample ${short.sample} over the last ${burnRate.shortWindowDays} days below the minimum of ${policy.minSample}`;
  }
  return 'insufficient data';
}

// The worst of several judgements (red over amber over green); null when none gives a verdict.
export function worstVerdict(judgements: readonly { verdict: Verdict | null }[]): Verdict | null {
  let result: Verdict | null = null;
  for (const { verdict } of judgements) {
    if (verdict !== null && (result === null || SEVERITY_OF_VERDICT[verdict] > SEVERITY_OF_VERDICT[result])) {
      result = verdict;
    }
  }
  return result;
}

const scorecardSource = (row: CarrierScorecard): SlaMeasurementSource => slaSource({ kpis: row.kpis, feed: row.feed, silence: row.silence });

// Null when the column has no SLA metric or no policy applies: the cell stays neutral. `shortWindow`:
// the same carrier's row over a burn-rate policy's short window, when the page has it.
export function scorecardCellVerdict({
  column,
  row,
  policies,
  shortWindow = null,
}: {
  column: ScorecardColumn;
  row: CarrierScorecard;
  policies: readonly SlaPolicy[];
  shortWindow?: CarrierScorecard | null;
}): CellVerdict | null {
  const sla = column.sla;
  if (sla === undefined) {
    return null;
  }
  const applicable = policiesForCarrierMetric({ policies, carrier: row.carrier, metric: sla.metric });
  if (applicable.length === 0) {
    return null;
  }
  const measurement: Measurement = { source: scorecardSource(row), shortWindow: shortWindow && scorecardSource(shortWindow) };
  const judgements = applicable.map((policy) => judgeAgainstPolicy({ policy, measurement }));
  const description = judgements
    .map(({ policy, reason }) => `SLA target ${formatThreshold(policy)} (${policy.name}): ${reason}`)
    .join('; ');
  return { verdict: worstVerdict(judgements), description, judgements };
}
