import { DateTime } from 'luxon';
import { KpiContribution } from '../kpi-contributions';
import { clockDaysOfLeg, ClockLegInput } from './clock-days';
import { allowanceFor, ContractClock, ELAPSED_CLOCK } from './contract-clock.schema';

/** One applied version of a contract, as the fact path needs it (sla_contracts). */
export interface ContractClockVersion {
  contract: string;
  /** The contract's number in the rollups (sla_contract_keys.id): the peer key of level-k cells. */
  contractId: number;
  carrierId: number;
  /** ISO date; the version applies from local midnight of that date in its clock's zone. */
  effectiveFrom: string;
  clock: ContractClock;
}

/** The clock stored in a contract document (sla_contracts.document.clock); a document without one runs on elapsed days. */
export function clockOfDocument(document: unknown): ContractClock {
  const clock = typeof document === 'object' && document !== null ? (document as { clock?: unknown }).clock : undefined;
  if (typeof clock !== 'object' || clock === null) return ELAPSED_CLOCK;
  return { ...ELAPSED_CLOCK, ...(clock as Partial<ContractClock>) };
}

export function effectiveFromMs(version: Pick<ContractClockVersion, 'effectiveFrom' | 'clock'>): number {
  return DateTime.fromISO(version.effectiveFrom, { zone: version.clock.timeZone }).startOf('day').toMillis();
}

/** The version of one contract in force at an instant: the latest effective on or before it (null before the first). */
export function versionInForce<T extends Pick<ContractClockVersion, 'effectiveFrom' | 'clock'>>(versions: readonly T[], atMs: number): T | null {
  let best: T | null = null;
  let bestFrom = Number.NEGATIVE_INFINITY;
  for (const version of versions) {
    const from = effectiveFromMs(version);
    if (from <= atMs && from > bestFrom) {
      best = version;
      bestFrom = from;
    }
  }
  return best;
}

export interface LegClockFact {
  contract: string;
  contractId: number;
  clockDays: number;
  /** The leg's legEndAt: clock facts count in the window of their closing instant, as transit does (kpis.md §3). */
  closingMs: number;
  /** clockDays within the lane's allowance; null when the contract allows the lane nothing in particular. */
  within: boolean | null;
}

/**
 * A leg's clockDays on every contract of its carrier (contracts.md §1), each on the contract version in
 * force when the leg ended. A leg without an end, or ending before a contract's first version, has none.
 */
export function legClockFacts(input: {
  carrierId: number;
  corridor: string | null;
  serviceLevel: string | null;
  leg: ClockLegInput & { legEndAt: number | null };
  versions: readonly ContractClockVersion[];
}): LegClockFact[] {
  const endMs = input.leg.legEndAt;
  if (endMs === null || input.leg.legStartAt === null) return [];
  const byContract = new Map<string, ContractClockVersion[]>();
  for (const version of input.versions) {
    const list = byContract.get(version.contract);
    if (list) list.push(version);
    else byContract.set(version.contract, [version]);
  }
  const facts: LegClockFact[] = [];
  for (const [contract, versions] of [...byContract.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const version = versionInForce(versions, endMs);
    if (version === null || version.carrierId !== input.carrierId) continue;
    const clockDays = clockDaysOfLeg(input.leg, version.clock);
    if (clockDays === null) continue;
    const allowance = allowanceFor(version.clock, { corridor: input.corridor, serviceLevel: input.serviceLevel });
    facts.push({ contract, contractId: version.contractId, clockDays, closingMs: endMs, within: allowance === null ? null : clockDays <= allowance });
  }
  return facts;
}

/** What a leg's clock facts add to the rollups: level k, the contract's number as the peer key. */
export function clockContributions(key: { carrierId: number; corridor: string | null; serviceLevel: string | null }, facts: readonly LegClockFact[]): KpiContribution[] {
  const base = { level: 'k' as const, carrierId: key.carrierId, corridor: key.corridor ?? '', serviceLevel: key.serviceLevel ?? '' };
  return facts.flatMap((fact): KpiContribution[] => [
    { ...base, peerCarrierId: fact.contractId, family: 'clock', closingMs: fact.closingMs, value: fact.clockDays, success: null },
    ...(fact.within === null
      ? []
      : [{ ...base, peerCarrierId: fact.contractId, family: 'clock_within' as const, closingMs: fact.closingMs, value: null, success: fact.within }]),
  ]);
}
