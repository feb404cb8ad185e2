import { KPI_GROUP_BYS, KpiGroupBy } from '../kpi-query';
import { SLA_WILDCARD } from './sla-policy.schema';
import { SlaScopeField } from './sla-metric.util';
import { DAY_MS } from '../time-units';

const SCOPE_FIELDS: readonly SlaScopeField[] = ['carrier', 'corridor', 'serviceLevel'];

/** The scope fields of a policy: a value, "*" or null. */
export interface SlaPolicyScope {
  carrier: string | null;
  corridor: string | null;
  serviceLevel: string | null;
}

/** One scope instance: "*" replaced by a value seen; a value scopes, null aggregates. */
export interface SlaScopeInstance {
  carrier: string | null;
  corridor: string | null;
  serviceLevel: string | null;
}

/** A group seen in the window, e.g. a KPI row grouped by the policy's "*" fields. */
export type SlaSeenScope = Partial<SlaScopeInstance>;

/**
 * One instance per distinct combination of the "*" fields seen in the window (sla.md §2). Value
 * fields stay as the policy says, null fields aggregate. A seen group that names a different value
 * for a value field, or no value for a "*" field, belongs to another scope and is skipped. A policy
 * without "*" has exactly one instance, seen or not. To keep evaluating an active breach whose scope
 * has gone quiet, pass its instance in `seen` too: insufficient data then keeps it open.
 */
export function scopeInstances(input: { policy: SlaPolicyScope; seen: readonly SlaSeenScope[] }): SlaScopeInstance[] {
  const { policy } = input;
  const wildcards = SCOPE_FIELDS.filter((field) => policy[field] === SLA_WILDCARD);
  if (wildcards.length === 0) return [{ carrier: policy.carrier, corridor: policy.corridor, serviceLevel: policy.serviceLevel }];
  const instances = new Map<string, SlaScopeInstance>();
  for (const group of input.seen) {
    const instance: SlaScopeInstance = { carrier: policy.carrier, corridor: policy.corridor, serviceLevel: policy.serviceLevel };
    let belongs = true;
    for (const field of SCOPE_FIELDS) {
      const seenValue = group[field] ?? null;
      if (policy[field] === SLA_WILDCARD) {
        if (seenValue === null || seenValue === SLA_WILDCARD) belongs = false;
        else instance[field] = seenValue;
      } else if (policy[field] !== null && seenValue !== null && seenValue !== policy[field]) {
        belongs = false;
      }
    }
    if (belongs) instances.set(scopeKey(instance), instance);
  }
  return [...instances.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, instance]) => instance);
}

/**
 * A stable text key for a scope instance, for the unique (policy, scope) index of active breaches.
 * JSON of a fixed field order keeps null apart from any value and survives any character in a value.
 */
export function scopeKey(instance: SlaScopeInstance): string {
  return JSON.stringify([instance.carrier ?? null, instance.corridor ?? null, instance.serviceLevel ?? null]);
}

/**
 * The KPI API query that measures a policy's instances in one call (kpis.md §3): group by the "*"
 * fields, filter by the value fields. Null when the KPI API has no such grouping.
 */
export function slaKpiQuery(policy: SlaPolicyScope): { groupBy: KpiGroupBy | null; filters: Partial<Record<SlaScopeField, string>> } | null {
  const wildcards = SCOPE_FIELDS.filter((field) => policy[field] === SLA_WILDCARD);
  const groupBy = wildcards.length === 0 ? null : wildcards.join(',');
  if (groupBy !== null && !(KPI_GROUP_BYS as readonly string[]).includes(groupBy)) return null;
  const filters: Partial<Record<SlaScopeField, string>> = {};
  for (const field of SCOPE_FIELDS) {
    const value = policy[field];
    if (value !== null && value !== SLA_WILDCARD) filters[field] = value;
  }
  return { groupBy: groupBy as KpiGroupBy | null, filters };
}

/** The evaluation window at asOf: [asOf − windowDays × 24 h, asOf) (sla.md §1). */
export function slaWindow(input: { windowDays: number; asOf: Date }): { from: Date; to: Date } {
  return { from: new Date(input.asOf.getTime() - input.windowDays * DAY_MS), to: new Date(input.asOf.getTime()) };
}
