import { wilsonInterval } from '../statistics';
import { SlaMeasurement } from './sla-measurement.util';
import { isRateMetric, SlaMetric } from './sla-metric.util';
import { SlaOp } from './sla-policy.schema';

export type SlaVerdict = 'insufficient_data' | 'violates' | 'complies';

export interface SlaVerdictPolicy {
  metric: SlaMetric;
  op: SlaOp;
  threshold: number;
  minSample: number;
  wilsonGuard?: boolean;
}

/** `lte`: the value must stay ≤ threshold; `gte`: ≥ threshold. Equal to the threshold complies. */
export function isPastThreshold(op: SlaOp, value: number, threshold: number): boolean {
  return op === 'lte' ? value > threshold : value < threshold;
}

/** The verdict for one scope instance and window (sla.md §2). */
export function slaVerdict(input: { policy: SlaVerdictPolicy; measurement: SlaMeasurement }): SlaVerdict {
  const { policy, measurement } = input;
  if (measurement.value === null || measurement.sample < policy.minSample) return 'insufficient_data';
  if (policy.wilsonGuard && isRateMetric(policy.metric)) {
    // A small lane's dip is mostly noise: only a rate whose whole 95 % interval lies past the
    // threshold is evidence of a breach. Everything short of that counts as compliance.
    const successes = measurement.successes ?? Math.min(measurement.sample, Math.max(0, Math.round(measurement.value * measurement.sample)));
    const interval = wilsonInterval(successes, measurement.sample);
    if (interval === null) return 'insufficient_data';
    const wholeIntervalPast = policy.op === 'gte' ? interval.upper < policy.threshold : interval.lower > policy.threshold;
    return wholeIntervalPast ? 'violates' : 'complies';
  }
  return isPastThreshold(policy.op, measurement.value, policy.threshold) ? 'violates' : 'complies';
}

/**
 * Burn-rate mode (multi-window): the short window says the problem is still happening, the long one
 * that it is more than a blip. The policy violates only when both windows violate; it complies as
 * soon as either window complies (a blip, or a recovery); otherwise there is not enough data. Each
 * window gets its own minSample check and Wilson guard.
 */
export function burnRateVerdict(input: { policy: SlaVerdictPolicy; short: SlaMeasurement; long: SlaMeasurement }): SlaVerdict {
  const short = slaVerdict({ policy: input.policy, measurement: input.short });
  const long = slaVerdict({ policy: input.policy, measurement: input.long });
  if (short === 'violates' && long === 'violates') return 'violates';
  if (short === 'complies' || long === 'complies') return 'complies';
  return 'insufficient_data';
}

const NO_MEASUREMENT: SlaMeasurement = { value: null, sample: 0, successes: null };

/**
 * The verdict the SLA evaluation gives a policy (sla.md §2), and the dashboard with it: burn-rate mode
 * when the policy has a burn rate, over its long window (the policy's window) and its short one; a
 * short window not measured counts as no data, so a violation is not confirmed without it.
 */
export function policyVerdict(input: {
  policy: SlaVerdictPolicy & { burnRate?: { shortWindowDays: number } | null };
  long: SlaMeasurement;
  short?: SlaMeasurement | null;
}): SlaVerdict {
  const { policy, long } = input;
  if (policy.burnRate) return burnRateVerdict({ policy, short: input.short ?? NO_MEASUREMENT, long });
  return slaVerdict({ policy, measurement: long });
}
