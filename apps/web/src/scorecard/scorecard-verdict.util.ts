import type { CarrierScorecard, Interval } from '../api/api-types';
import type { SlaOp, SlaPolicy } from '../api/sla-types';
import { formatThreshold } from '../breaches/breach-format.util';
import type { ScorecardColumn, Verdict } from './scorecard-columns.util';

const WILDCARD = '*';
const SEVERITY_OF_VERDICT: Record<Verdict, number> = { good: 0, warning: 1, bad: 2 };

export type PolicyJudgement = { policy: SlaPolicy; verdict: Verdict | null; reason: string };

// verdict null: a target applies but there is no figure to judge (the cell shows a dash).
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
      (policy.carrier === carrier || policy.carrier === WILDCARD) &&
      policy.corridor === null &&
      policy.serviceLevel === null,
  );
}

function isPast(op: SlaOp, value: number, threshold: number): boolean {
  return op === 'lte' ? value > threshold : value < threshold;
}

export type Measurement = { value: number | null; sample: number | null; interval: Interval | null; isRate: boolean };

// Green meets the target; red misses it with evidence (for rates, the whole Wilson interval is past
// the threshold); amber misses within the noise, or the sample is too small to say.
export function judgeAgainstPolicy({ policy, measurement }: { policy: SlaPolicy; measurement: Measurement }): PolicyJudgement {
  const { value, sample, interval, isRate } = measurement;
  if (value === null) {
    return { policy, verdict: null, reason: 'no data' };
  }
  if ((sample ?? 0) < policy.minSample) {
    return { policy, verdict: 'warning', reason: `sample ${sample ?? 0} below the minimum of ${policy.minSample}` };
  }
  if (!isPast(policy.op, value, policy.threshold)) {
    return { policy, verdict: 'good', reason: 'meets it' };
  }
  if (!isRate) {
    return { policy, verdict: 'bad', reason: 'misses it' };
  }
  if (interval === null) {
    return { policy, verdict: 'warning', reason: 'misses it; no confidence interval to confirm' };
  }
  const wholeIntervalPast = policy.op === 'gte' ? interval.high < policy.threshold : interval.low > policy.threshold;
  return wholeIntervalPast
    ? { policy, verdict: 'bad', reason: 'misses it, the whole 95 % interval past the target' }
    : { policy, verdict: 'warning', reason: 'misses it, but within the 95 % interval' };
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

// Null when the column has no SLA metric or no policy applies: the cell stays neutral.
export function scorecardCellVerdict({
  column,
  row,
  policies,
}: {
  column: ScorecardColumn;
  row: CarrierScorecard;
  policies: readonly SlaPolicy[];
}): CellVerdict | null {
  const sla = column.sla;
  if (sla === undefined) {
    return null;
  }
  const applicable = policiesForCarrierMetric({ policies, carrier: row.carrier, metric: sla.metric });
  if (applicable.length === 0) {
    return null;
  }
  const raw = column.value(row);
  const measurement: Measurement = {
    value: typeof raw === 'number' ? raw : null,
    sample: sla.sample(row),
    interval: column.interval?.(row) ?? null,
    isRate: column.kind === 'rate',
  };
  const judgements = applicable.map((policy) => judgeAgainstPolicy({ policy, measurement }));
  const description = judgements
    .map(({ policy, reason }) => `SLA target ${formatThreshold(policy)} (${policy.name}): ${reason}`)
    .join('; ');
  return { verdict: worstVerdict(judgements), description, judgements };
}
