// What one fact adds to the KPI rollups (kpis.md §3): each metric family counts in the window of
// its own closing instant. Facts with no value for a family contribute nothing to it.

export const KPI_FAMILIES = ['transit', 'customs', 'attempt', 'on_time'] as const;
export type KpiFamily = (typeof KPI_FAMILIES)[number];
export type KpiLevel = 's' | 'l';

export interface KpiContribution {
  level: KpiLevel;
  carrierId: number;
  corridor: string;
  serviceLevel: string;
  family: KpiFamily;
  closingMs: number;
  /** transit days or customs hours; null for the rate families */
  value: number | null;
  /** first attempt delivered / on time; null for the value families */
  success: boolean | null;
}

export interface FactForRollup {
  corridor: string | null;
  serviceLevel: string | null;
  transitClosingMs: number | null;
  transitDays: number | null;
  customsReleasedMs: number | null;
  customsHoldHours: number | null;
  firstAttemptMs: number | null;
  firstAttemptDelivered: boolean | null;
  onTimeClosingMs: number | null;
  onTime: boolean | null;
}

export function kpiContributions(level: KpiLevel, carrierId: number, fact: FactForRollup): KpiContribution[] {
  const base = { level, carrierId, corridor: fact.corridor ?? '', serviceLevel: fact.serviceLevel ?? '' };
  const out: KpiContribution[] = [];
  if (fact.transitClosingMs !== null && fact.transitDays !== null) {
    out.push({ ...base, family: 'transit', closingMs: fact.transitClosingMs, value: fact.transitDays, success: null });
  }
  if (fact.customsReleasedMs !== null && fact.customsHoldHours !== null) {
    out.push({ ...base, family: 'customs', closingMs: fact.customsReleasedMs, value: fact.customsHoldHours, success: null });
  }
  if (fact.firstAttemptMs !== null && fact.firstAttemptDelivered !== null) {
    out.push({ ...base, family: 'attempt', closingMs: fact.firstAttemptMs, value: null, success: fact.firstAttemptDelivered });
  }
  if (fact.onTimeClosingMs !== null && fact.onTime !== null) {
    out.push({ ...base, family: 'on_time', closingMs: fact.onTimeClosingMs, value: null, success: fact.onTime });
  }
  return out;
}

export const QUARTER_HOUR_MS = 15 * 60_000;
export const DAY_MS = 86_400_000;

/** Rollup tiers: 0 = UTC day, 1 = 15 minutes. */
export function tierBucketStart(tier: 0 | 1, ms: number): number {
  const size = tier === 0 ? DAY_MS : QUARTER_HOUR_MS;
  return Math.floor(ms / size) * size;
}
