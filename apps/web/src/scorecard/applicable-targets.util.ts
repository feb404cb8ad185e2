import type { Breach, SlaPolicy } from '../api/sla-types';
import { formatThreshold } from '../breaches/breach-format.util';
import { breachesOnFigure, carrierLabel, laneLabel } from '../breaches/breach-ranking.util';

const WILDCARD = '*';

// Every enabled target a figure of this carrier answers to (issue 15): the carrier's own, its lanes'
// and service levels', and the "*" policies that apply to every carrier. Without a carrier: every
// target on the metric (the network tiles).
export function applicableTargets({ policies, metric, carrier }: { policies: readonly SlaPolicy[]; metric: string; carrier?: string }): SlaPolicy[] {
  return policies.filter(
    (policy) => policy.enabled && policy.metric === metric && (carrier === undefined || policy.carrier === carrier || policy.carrier === WILDCARD),
  );
}

/** "laposte · CN-FR", "every carrier (*) · every lane", "network": where a target applies. */
export function targetScopeWords(policy: Pick<SlaPolicy, 'carrier' | 'corridor' | 'serviceLevel'>): string {
  const carrier = policy.carrier === null ? 'network' : policy.carrier === WILDCARD ? 'every carrier (*)' : policy.carrier;
  const lane = policy.corridor === null || policy.corridor === WILDCARD ? 'every lane' : policy.corridor;
  return `${carrier} · ${lane}${policy.serviceLevel === null ? '' : ` · ${policy.serviceLevel}`}`;
}

/** "≥ 85.0 % on laposte · CN-FR; ≥ 80.0 % on every carrier (*) · every lane". */
export function targetsInWords(policies: readonly SlaPolicy[]): string {
  return policies.map((policy) => `${formatThreshold(policy)} on ${targetScopeWords(policy)}`).join('; ');
}

/** The open breaches of one carrier (or of every carrier) on a metric, most urgent first. */
export function openBreachesOn({ breaches, metric, carrier }: { breaches: readonly Breach[]; metric: string; carrier?: string }): Breach[] {
  const scoped = carrier === undefined ? breaches : breaches.filter((breach) => breach.carrier === carrier);
  return breachesOnFigure({ breaches: scoped, metrics: [metric] });
}

/** "critical · CN-FR": a badge short enough for a scorecard cell. */
export function shortBreachBadge(breach: Breach): string {
  return `${breach.severity} · ${breach.corridor ?? 'all lanes'}${breach.serviceLevel === null ? '' : ` ${breach.serviceLevel}`}`;
}

/** "La Poste Colissimo · CN-FR": who and where, for a badge on a network tile. */
export function breachWhere(breach: Breach): string {
  return `${carrierLabel(breach)} · ${laneLabel(breach)}`;
}
