/**
 * KPI oracle: a second, independent implementation of /work/shared/spec/kpis.md
 * (and the parts of events.md §1/§4 it depends on), written from the spec text only.
 * Tests feed it what they posted and compare its answers with the production path.
 *
 * Deliberately naive: plain loops over the raw events, no caching, no sketches, no SQL,
 * nothing shared with libs/* or apps/*. Clarity over speed.
 *
 * Every place where the spec text had to be interpreted is marked "READING:".
 */

// ───────────────────────────── input model ─────────────────────────────

export interface OracleLegRef {
  carrier: string;
  trackingNumber: string;
}

export interface OracleEvent {
  carrier: string;
  trackingNumber: string;
  /** canonical milestone, or null while the raw code is unmapped */
  milestone: string | null;
  /** ISO 8601 with a UTC offset or Z */
  occurredAt: string;
  /** ISO 8601 with a UTC offset or Z (only used by feed latency) */
  receivedAt?: string;
  /** only on HANDED_OVER */
  handover?: OracleLegRef;
}

export interface OracleShipment {
  /** in order, first leg first; leg i+1 is linked by a HANDED_OVER on leg i naming it */
  legs: OracleLegRef[];
  origin: string | null;
  destination: string | null;
  serviceLevel: string | null;
  /** ISO 8601 with offset */
  promisedBy: string | null;
}

export interface OracleInput {
  shipments: OracleShipment[];
  /** may contain duplicates: each distinct (carrier, trackingNumber, instant, milestone) counts once */
  events: OracleEvent[];
}

// ───────────────────────────── milestones (events.md §1) ─────────────────────────────

const INFO_RECEIVED = 'INFO_RECEIVED';
const CANCELLED = 'CANCELLED';
const DELIVERED = 'DELIVERED';
const DELIVERY_FAILED = 'DELIVERY_FAILED';
const HANDED_OVER = 'HANDED_OVER';
const IMPORT_CUSTOMS_STARTED = 'IMPORT_CUSTOMS_STARTED';
const IMPORT_CUSTOMS_HELD = 'IMPORT_CUSTOMS_HELD';
const IMPORT_CUSTOMS_RELEASED = 'IMPORT_CUSTOMS_RELEASED';
const EXPORT_CUSTOMS_STARTED = 'EXPORT_CUSTOMS_STARTED';
const EXPORT_CUSTOMS_HELD = 'EXPORT_CUSTOMS_HELD';
const EXPORT_CUSTOMS_CLEARED = 'EXPORT_CUSTOMS_CLEARED';

/** events.md §1: "Terminal milestones: DELIVERED, RETURNED, LOST, DESTROYED, CANCELLED." */
const TERMINAL_MILESTONES: readonly string[] = [DELIVERED, 'RETURNED', 'LOST', 'DESTROYED', CANCELLED];

/** kpis.md: "Physical" milestones are all but INFO_RECEIVED and CANCELLED. */
function isPhysical(milestone: string): boolean {
  return milestone !== INFO_RECEIVED && milestone !== CANCELLED;
}

function isTerminal(milestone: string): boolean {
  return TERMINAL_MILESTONES.includes(milestone);
}

// ───────────────────────────── instants and units ─────────────────────────────

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** kpis.md: "days = seconds / 86,400" */
function msToDays(ms: number): number {
  return ms / MS_PER_DAY;
}

/** kpis.md: "hours = seconds / 3,600" */
function msToHours(ms: number): number {
  return ms / MS_PER_HOUR;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * ISO 8601 with an explicit offset → epoch milliseconds. Refuses strings without an offset,
 * because `Date.parse` would read them in the machine's local time zone.
 */
export function parseInstant(iso: string, what = 'instant'): number {
  if (!ISO_WITH_OFFSET.test(iso)) {
    throw new Error(`oracle: ${what} must be ISO 8601 with a UTC offset or Z, got ${JSON.stringify(iso)}`);
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new Error(`oracle: ${what} is not a valid date: ${JSON.stringify(iso)}`);
  }
  return ms;
}

// ───────────────────────────── distinct events ─────────────────────────────

export interface DistinctEvent {
  carrier: string;
  trackingNumber: string;
  milestone: string | null;
  /** occurredAt, epoch ms */
  at: number;
  /** receivedAt, epoch ms, or null when the test did not give one */
  receivedAt: number | null;
  handover: OracleLegRef | null;
}

/**
 * The input events with duplicates removed: two events are the same when carrier,
 * trackingNumber, the instant of occurredAt (whatever offset wrote it) and milestone are equal.
 * READING: the first copy in input order is kept (it decides receivedAt and handover).
 * READING: unmapped events (milestone null) are deduplicated with milestone = null as the key,
 * since the oracle has no raw code; events.md §6 would also compare the code and location.
 */
export function distinctEvents(input: OracleInput): DistinctEvent[] {
  const seen = new Set<string>();
  const result: DistinctEvent[] = [];
  for (const event of input.events) {
    const at = parseInstant(event.occurredAt, 'occurredAt');
    const key = JSON.stringify([event.carrier, event.trackingNumber, at, event.milestone]);
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    result.push({
      carrier: event.carrier,
      trackingNumber: event.trackingNumber,
      milestone: event.milestone,
      at,
      receivedAt: event.receivedAt === undefined ? null : parseInstant(event.receivedAt, 'receivedAt'),
      handover: event.handover === undefined ? null : { carrier: event.handover.carrier, trackingNumber: event.handover.trackingNumber },
    });
  }
  return result;
}

function sameLeg(a: OracleLegRef, b: OracleLegRef): boolean {
  return a.carrier === b.carrier && a.trackingNumber === b.trackingNumber;
}

function legLabel(leg: OracleLegRef): string {
  return `${leg.carrier}/${leg.trackingNumber}`;
}

/**
 * Refuses inputs the oracle cannot answer unambiguously (a test-authoring error, not a KPI):
 *  - a `handover` on an event that is not HANDED_OVER (ingest rejects it: "forbidden otherwise");
 *  - a leg listed in two shipments;
 *  - a leg i ≥ 1 with no HANDED_OVER on leg i−1 naming it (production would not link it);
 *  - a HANDED_OVER on a listed leg naming a leg that is not the next leg of the same shipment,
 *    is not listed in any other shipment, and has events (production would link those events
 *    to this shipment, the oracle would not see them).
 */
function validate(input: OracleInput, events: DistinctEvent[]): void {
  for (const event of events) {
    if (event.handover !== null && event.milestone !== HANDED_OVER) {
      throw new Error(`oracle: handover on a ${String(event.milestone)} event of ${legLabel(event)}`);
    }
  }
  const owner = new Map<string, number>();
  input.shipments.forEach((shipment, shipmentIndex) => {
    if (shipment.legs.length === 0) {
      throw new Error(`oracle: shipment #${shipmentIndex} has no legs`);
    }
    if (shipment.promisedBy !== null) {
      parseInstant(shipment.promisedBy, 'promisedBy');
    }
    for (const leg of shipment.legs) {
      const key = legLabel(leg);
      if (owner.has(key)) {
        throw new Error(`oracle: leg ${key} is listed in shipments #${owner.get(key)} and #${shipmentIndex}`);
      }
      owner.set(key, shipmentIndex);
    }
  });
  input.shipments.forEach((shipment, shipmentIndex) => {
    for (let i = 1; i < shipment.legs.length; i++) {
      let linked = false;
      for (const event of events) {
        if (event.milestone === HANDED_OVER && sameLeg(event, shipment.legs[i - 1]) && event.handover !== null && sameLeg(event.handover, shipment.legs[i])) {
          linked = true;
        }
      }
      if (!linked) {
        throw new Error(`oracle: shipment #${shipmentIndex}: no HANDED_OVER on ${legLabel(shipment.legs[i - 1])} names ${legLabel(shipment.legs[i])}`);
      }
    }
    for (let i = 0; i < shipment.legs.length; i++) {
      for (const event of events) {
        if (event.milestone !== HANDED_OVER || event.handover === null || !sameLeg(event, shipment.legs[i])) {
          continue;
        }
        const target = event.handover;
        const isNextLeg = i + 1 < shipment.legs.length && sameLeg(target, shipment.legs[i + 1]);
        const listedElsewhere = owner.has(legLabel(target)) && owner.get(legLabel(target)) !== shipmentIndex;
        const targetHasEvents = events.some((other) => sameLeg(other, target));
        if (!isNextLeg && !listedElsewhere && targetHasEvents) {
          throw new Error(
            `oracle: shipment #${shipmentIndex}: ${legLabel(shipment.legs[i])} is handed over to ${legLabel(target)}, which has events but is not its next leg`,
          );
        }
      }
    }
  });
}

/** Distinct, validated events. Every public function starts here. */
// Inputs are treated as immutable: a test asking for the facts of every shipment of one feed
// must not pay for deduplication and validation once per question.
const prepared = new WeakMap<OracleInput, DistinctEvent[]>();

function prepare(input: OracleInput): DistinctEvent[] {
  const cached = prepared.get(input);
  if (cached) return cached;
  const events = distinctEvents(input);
  validate(input, events);
  prepared.set(input, events);
  return events;
}

type MappedEvent = { milestone: string; at: number; event: DistinctEvent };

/** The mapped events of the given legs (unmapped events are left out of every fact). */
function mappedEventsOfLegs(events: DistinctEvent[], legs: OracleLegRef[]): MappedEvent[] {
  const result: MappedEvent[] = [];
  for (const event of events) {
    if (event.milestone === null) {
      continue;
    }
    let onOneOfTheLegs = false;
    for (const leg of legs) {
      if (sameLeg(event, leg)) {
        onOneOfTheLegs = true;
      }
    }
    if (onOneOfTheLegs) {
      result.push({ milestone: event.milestone, at: event.at, event });
    }
  }
  return result;
}

function earliestOf(events: MappedEvent[], milestones: string[]): number | null {
  let best: number | null = null;
  for (const e of events) {
    if (milestones.includes(e.milestone) && (best === null || e.at < best)) {
      best = e.at;
    }
  }
  return best;
}

function earliestPhysical(events: MappedEvent[]): number | null {
  let best: number | null = null;
  for (const e of events) {
    if (isPhysical(e.milestone) && (best === null || e.at < best)) {
      best = e.at;
    }
  }
  return best;
}

function latestPhysical(events: MappedEvent[]): number | null {
  let best: number | null = null;
  for (const e of events) {
    if (isPhysical(e.milestone) && (best === null || e.at > best)) {
      best = e.at;
    }
  }
  return best;
}

interface CustomsFacts {
  startAt: number | null;
  releasedAt: number | null;
  holdHours: number | null;
}

/**
 * customsStartAt = earliest of the start/held milestones;
 * customsReleasedAt = earliest release with occurredAt ≥ customsStartAt.
 * READING: without a start there is no release ("release without a start" → released null, hold null).
 * READING: with several holds only the first start and the first release after it count
 * ("earliest" in both rows); later holds do not add to customsHoldHours.
 */
function customsFacts(events: MappedEvent[], startMilestones: string[], releaseMilestone: string): CustomsFacts {
  const startAt = earliestOf(events, startMilestones);
  let releasedAt: number | null = null;
  if (startAt !== null) {
    for (const e of events) {
      if (e.milestone === releaseMilestone && e.at >= startAt && (releasedAt === null || e.at < releasedAt)) {
        releasedAt = e.at;
      }
    }
  }
  const holdHours = startAt !== null && releasedAt !== null ? msToHours(releasedAt - startAt) : null;
  return { startAt, releasedAt, holdHours };
}

/** Earliest attempt outcome; at the same instant DELIVERY_FAILED comes first. */
function firstAttempt(events: MappedEvent[]): { at: number | null; delivered: boolean | null } {
  let bestAt: number | null = null;
  let bestMilestone: string | null = null;
  for (const e of events) {
    if (e.milestone !== DELIVERED && e.milestone !== DELIVERY_FAILED) {
      continue;
    }
    const earlier = bestAt === null || e.at < bestAt;
    const sameInstantButFailed = bestAt !== null && e.at === bestAt && e.milestone === DELIVERY_FAILED;
    if (earlier || sameInstantButFailed) {
      bestAt = e.at;
      bestMilestone = e.milestone;
    }
  }
  return { at: bestAt, delivered: bestMilestone === null ? null : bestMilestone === DELIVERED };
}

// ───────────────────────────── §1 shipment facts ─────────────────────────────

export interface ShipmentFacts {
  firstScanAt: number | null;
  deliveredAt: number | null;
  transitDays: number | null;
  customsStartAt: number | null;
  customsReleasedAt: number | null;
  customsHoldHours: number | null;
  exportCustomsStartAt: number | null;
  exportCustomsReleasedAt: number | null;
  exportCustomsHoldHours: number | null;
  firstAttemptAt: number | null;
  /** null when there is no attempt outcome */
  firstAttemptDelivered: boolean | null;
  /** null unless both deliveredAt and promisedBy exist */
  onTime: boolean | null;
  lastEventAt: number | null;
  maxSilenceHours: number | null;
  terminal: boolean;
}

/**
 * READING of maxSilenceHours ("largest gap between consecutive physical events up to deliveredAt
 * (or up to asOf when not delivered)"):
 *  - delivered: the physical events with occurredAt ≤ deliveredAt, largest gap between neighbours
 *    (deliveredAt is itself one of them); null when there is only one such event;
 *  - not delivered: the physical events with occurredAt ≤ asOf, followed by asOf itself, so the
 *    silence still running at asOf counts; null when no physical event is ≤ asOf.
 * asOf is used by no other shipment fact (it is "now"; events after it are not cut off).
 */
function maxSilenceHours(events: MappedEvent[], deliveredAt: number | null, asOf: number): number | null {
  const end = deliveredAt !== null ? deliveredAt : asOf;
  const points: number[] = [];
  for (const e of events) {
    if (isPhysical(e.milestone) && e.at <= end) {
      points.push(e.at);
    }
  }
  if (points.length === 0) {
    return null;
  }
  points.sort((a, b) => a - b);
  if (deliveredAt === null) {
    points.push(asOf);
  }
  let largest: number | null = null;
  for (let i = 1; i < points.length; i++) {
    const gap = points[i] - points[i - 1];
    if (largest === null || gap > largest) {
      largest = gap;
    }
  }
  return largest === null ? null : msToHours(largest);
}

function shipmentFactsFrom(events: DistinctEvent[], shipment: OracleShipment, asOf: number): ShipmentFacts {
  const mine = mappedEventsOfLegs(events, shipment.legs);
  const firstScanAt = earliestPhysical(mine);
  const deliveredAt = earliestOf(mine, [DELIVERED]);
  const importCustoms = customsFacts(mine, [IMPORT_CUSTOMS_STARTED, IMPORT_CUSTOMS_HELD], IMPORT_CUSTOMS_RELEASED);
  const exportCustoms = customsFacts(mine, [EXPORT_CUSTOMS_STARTED, EXPORT_CUSTOMS_HELD], EXPORT_CUSTOMS_CLEARED);
  const attempt = firstAttempt(mine);
  const promisedBy = shipment.promisedBy === null ? null : parseInstant(shipment.promisedBy, 'promisedBy');
  let terminal = false;
  for (const e of mine) {
    if (isTerminal(e.milestone)) {
      terminal = true;
    }
  }
  return {
    firstScanAt,
    deliveredAt,
    transitDays: deliveredAt !== null && firstScanAt !== null ? msToDays(deliveredAt - firstScanAt) : null,
    customsStartAt: importCustoms.startAt,
    customsReleasedAt: importCustoms.releasedAt,
    customsHoldHours: importCustoms.holdHours,
    exportCustomsStartAt: exportCustoms.startAt,
    exportCustomsReleasedAt: exportCustoms.releasedAt,
    exportCustomsHoldHours: exportCustoms.holdHours,
    firstAttemptAt: attempt.at,
    firstAttemptDelivered: attempt.delivered,
    onTime: deliveredAt !== null && promisedBy !== null ? deliveredAt <= promisedBy : null,
    lastEventAt: latestPhysical(mine),
    maxSilenceHours: maxSilenceHours(mine, deliveredAt, asOf),
    terminal,
  };
}

/** kpis.md §1, over all linked legs of the shipment. Instants are epoch ms. */
export function shipmentFacts(input: OracleInput, shipment: OracleShipment, asOf: string): ShipmentFacts {
  const events = prepare(input);
  return shipmentFactsFrom(events, shipment, parseInstant(asOf, 'asOf'));
}

// ───────────────────────────── §2 leg facts ─────────────────────────────

export interface LegFacts {
  carrier: string;
  trackingNumber: string;
  legIndex: number;
  legStartAt: number | null;
  legEndAt: number | null;
  legTransitDays: number | null;
  /** earliest DELIVERED on this leg (the on-time window instant for the credited leg) */
  deliveredAt: number | null;
  customsStartAt: number | null;
  customsReleasedAt: number | null;
  customsHoldHours: number | null;
  exportCustomsStartAt: number | null;
  exportCustomsReleasedAt: number | null;
  exportCustomsHoldHours: number | null;
  firstAttemptAt: number | null;
  firstAttemptDelivered: boolean | null;
  /** the shipment's onTime on the leg holding the shipment's earliest DELIVERED; null on every other leg */
  onTime: boolean | null;
}

/**
 * READING: if two legs both hold a DELIVERED at the shipment's deliveredAt instant, the first of
 * them in leg order is credited ("the leg", singular). Tests should not rely on this.
 */
function creditedLegIndex(events: DistinctEvent[], shipment: OracleShipment, shipmentDeliveredAt: number | null): number | null {
  if (shipmentDeliveredAt === null) {
    return null;
  }
  for (let i = 0; i < shipment.legs.length; i++) {
    for (const e of mappedEventsOfLegs(events, [shipment.legs[i]])) {
      if (e.milestone === DELIVERED && e.at === shipmentDeliveredAt) {
        return i;
      }
    }
  }
  return null;
}

function legFactsFrom(events: DistinctEvent[], shipment: OracleShipment, legIndex: number, asOf: number): LegFacts {
  const leg = shipment.legs[legIndex];
  if (leg === undefined) {
    throw new Error(`oracle: leg index ${legIndex} out of range (${shipment.legs.length} legs)`);
  }
  const mine = mappedEventsOfLegs(events, [leg]);
  const legStartAt = earliestPhysical(mine);
  const legEndAt = earliestOf(mine, [DELIVERED, HANDED_OVER]);
  const importCustoms = customsFacts(mine, [IMPORT_CUSTOMS_STARTED, IMPORT_CUSTOMS_HELD], IMPORT_CUSTOMS_RELEASED);
  const exportCustoms = customsFacts(mine, [EXPORT_CUSTOMS_STARTED, EXPORT_CUSTOMS_HELD], EXPORT_CUSTOMS_CLEARED);
  const attempt = firstAttempt(mine);
  const whole = shipmentFactsFrom(events, shipment, asOf);
  const credited = creditedLegIndex(events, shipment, whole.deliveredAt);
  return {
    carrier: leg.carrier,
    trackingNumber: leg.trackingNumber,
    legIndex,
    legStartAt,
    legEndAt,
    legTransitDays: legStartAt !== null && legEndAt !== null ? msToDays(legEndAt - legStartAt) : null,
    deliveredAt: earliestOf(mine, [DELIVERED]),
    customsStartAt: importCustoms.startAt,
    customsReleasedAt: importCustoms.releasedAt,
    customsHoldHours: importCustoms.holdHours,
    exportCustomsStartAt: exportCustoms.startAt,
    exportCustomsReleasedAt: exportCustoms.releasedAt,
    exportCustomsHoldHours: exportCustoms.holdHours,
    firstAttemptAt: attempt.at,
    firstAttemptDelivered: attempt.delivered,
    onTime: credited === legIndex ? whole.onTime : null,
  };
}

/**
 * kpis.md §2, from the leg's own events. asOf is accepted for symmetry with shipmentFacts;
 * no leg fact depends on it.
 */
export function legFacts(input: OracleInput, shipment: OracleShipment, legIndex: number, asOf: string): LegFacts {
  const events = prepare(input);
  return legFactsFrom(events, shipment, legIndex, parseInstant(asOf, 'asOf'));
}

// ───────────────────────────── §4 statistics ─────────────────────────────

function ascending(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

export function mean(values: number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  let sum = 0;
  for (const x of values) {
    sum += x;
  }
  return sum / values.length;
}

/** Sample variance Σ(x − mean)² / (n − 1); null when n < 2. */
export function sampleVariance(values: number[]): number | null {
  if (values.length < 2) {
    return null;
  }
  const m = mean(values)!;
  let sum = 0;
  for (const x of values) {
    sum += (x - m) * (x - m);
  }
  return sum / (values.length - 1);
}

/** percentile_cont: r = p·(n − 1) on the ascending values; null when there are none. */
export function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) {
    return null;
  }
  const x = ascending(values);
  const r = p * (x.length - 1);
  const lo = Math.floor(r);
  const hi = Math.ceil(r);
  return x[lo] + (r - lo) * (x[hi] - x[lo]);
}

export function rate(successes: number, trials: number): number | null {
  return trials === 0 ? null : successes / trials;
}

export const WILSON_Z = 1.959963984540054;

/**
 * Wilson score interval (95 %) for successes / trials; null when trials = 0.
 * READING: bounds are clamped to [0, 1] only to remove floating-point noise at p = 0 or 1.
 */
export function wilsonInterval(successes: number, trials: number, z: number = WILSON_Z): { lower: number; upper: number } | null {
  if (trials === 0) {
    return null;
  }
  const n = trials;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, centre - halfWidth), upper: Math.min(1, centre + halfWidth) };
}

// ───────────────────────────── §3 / §5 KPI query ─────────────────────────────

export type GroupBy = 'carrier' | 'corridor' | 'serviceLevel' | 'carrier,corridor' | 'corridor,serviceLevel';
type GroupKey = 'carrier' | 'corridor' | 'serviceLevel';

export interface KpiQuery {
  from: string;
  to: string;
  groupBy: GroupBy;
  carrier?: string;
  corridor?: string;
  serviceLevel?: string;
  asOf: string;
}

export interface TransitStats {
  count: number;
  meanDays: number;
  stddevDays: number | null;
  varianceDays: number | null;
  p50Days: number;
  p90Days: number;
  p95Days: number;
}

export interface CustomsHoldStats {
  count: number;
  meanHours: number;
  p50Hours: number;
  p90Hours: number;
}

export interface FirstAttemptStats {
  attempted: number;
  delivered: number;
  rate: number;
}

export interface OnTimeStats {
  delivered: number;
  onTime: number;
  rate: number;
}

export interface KpiRow {
  carrier: string | null;
  corridor: string | null;
  serviceLevel: string | null;
  transit: TransitStats | null;
  customsHold: CustomsHoldStats | null;
  firstAttempt: FirstAttemptStats | null;
  onTime: OnTimeStats | null;
}

export interface KpiResponse {
  from: string;
  to: string;
  groupBy: string[];
  rows: KpiRow[];
}

/**
 * READING: the corridor is `${origin}-${destination}` and exists only when BOTH are known.
 * events.md §4 says a shipment "without origin and destination has no corridor"; a shipment
 * with only one of the two cannot be written as 'CN-BR' either, so it has no corridor too.
 */
export function corridorOf(shipment: OracleShipment): string | null {
  if (shipment.origin === null || shipment.destination === null) {
    return null;
  }
  return `${shipment.origin}-${shipment.destination}`;
}

/** One unit of KPI input: a shipment (shipment facts) or a leg (leg facts), with its closing instants. */
interface KpiUnit {
  carrier: string | null;
  corridor: string | null;
  serviceLevel: string | null;
  transit: { at: number; days: number } | null;
  customs: { at: number; hours: number } | null;
  attempt: { at: number; delivered: boolean } | null;
  onTime: { at: number; onTime: boolean } | null;
}

function parseGroupBy(groupBy: GroupBy): GroupKey[] {
  switch (groupBy) {
    case 'carrier':
      return ['carrier'];
    case 'corridor':
      return ['corridor'];
    case 'serviceLevel':
      return ['serviceLevel'];
    case 'carrier,corridor':
      return ['carrier', 'corridor'];
    case 'corridor,serviceLevel':
      return ['corridor', 'serviceLevel'];
    default:
      throw new Error(`oracle: unsupported groupBy ${JSON.stringify(groupBy)}`);
  }
}

function compareNullableStrings(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * kpis.md §3–§5.
 *
 * READING (carrier filter without carrier grouping): "carrier, corridor, serviceLevel filter the
 * same way" is read as: a `carrier` filter selects LEG facts of that carrier's legs, exactly as
 * grouping by carrier does (a carrier is accountable for its legs, §2). The row's `carrier` key
 * stays null because carrier is not a grouping key. Without a carrier filter or grouping, shipment
 * facts are used.
 * READING: a shipment without a corridor (see corridorOf) is left out of any corridor grouping and
 * never matches a corridor filter; it still counts for carrier and serviceLevel groupings.
 * READING: by analogy, a null serviceLevel is left out of serviceLevel groupings and never matches a
 * serviceLevel filter (the spec does not say; a null key would be indistinguishable from "not grouped").
 * READING: a family's count is the number of units whose fact is defined AND whose closing instant
 * is in [from, to): transit needs transitDays (legTransitDays), customs needs customsHoldHours,
 * first attempt needs firstAttemptAt, on time needs onTime (so `onTime.delivered` counts only
 * delivered units that have a promisedBy, and for legs only the credited delivering leg).
 * READING: the on-time window instant of a leg is the shipment's deliveredAt, which is the credited
 * leg's own earliest DELIVERED.
 * READING: `from`/`to` are echoed as given; `asOf` only feeds maxSilenceHours, which no KPI uses.
 * READING: rows sort by plain UTF-16 code-unit order of (carrier, corridor, serviceLevel).
 * Only import customs is reported (`customsHold`), as in the §5 response shape.
 */
export function kpis(input: OracleInput, query: KpiQuery): KpiResponse {
  const events = prepare(input);
  const from = parseInstant(query.from, 'from');
  const to = parseInstant(query.to, 'to');
  const asOf = parseInstant(query.asOf, 'asOf');
  const keys = parseGroupBy(query.groupBy);
  const useLegFacts = keys.includes('carrier') || query.carrier !== undefined;

  // 1. Units with their attributes and closing instants.
  const units: KpiUnit[] = [];
  for (const shipment of input.shipments) {
    const corridor = corridorOf(shipment);
    if (useLegFacts) {
      for (let legIndex = 0; legIndex < shipment.legs.length; legIndex++) {
        const f = legFactsFrom(events, shipment, legIndex, asOf);
        units.push({
          carrier: f.carrier,
          corridor,
          serviceLevel: shipment.serviceLevel,
          transit: f.legEndAt !== null && f.legTransitDays !== null ? { at: f.legEndAt, days: f.legTransitDays } : null,
          customs: f.customsReleasedAt !== null && f.customsHoldHours !== null ? { at: f.customsReleasedAt, hours: f.customsHoldHours } : null,
          attempt: f.firstAttemptAt !== null && f.firstAttemptDelivered !== null ? { at: f.firstAttemptAt, delivered: f.firstAttemptDelivered } : null,
          onTime: f.deliveredAt !== null && f.onTime !== null ? { at: f.deliveredAt, onTime: f.onTime } : null,
        });
      }
    } else {
      const f = shipmentFactsFrom(events, shipment, asOf);
      units.push({
        carrier: null,
        corridor,
        serviceLevel: shipment.serviceLevel,
        transit: f.deliveredAt !== null && f.transitDays !== null ? { at: f.deliveredAt, days: f.transitDays } : null,
        customs: f.customsReleasedAt !== null && f.customsHoldHours !== null ? { at: f.customsReleasedAt, hours: f.customsHoldHours } : null,
        attempt: f.firstAttemptAt !== null && f.firstAttemptDelivered !== null ? { at: f.firstAttemptAt, delivered: f.firstAttemptDelivered } : null,
        onTime: f.deliveredAt !== null && f.onTime !== null ? { at: f.deliveredAt, onTime: f.onTime } : null,
      });
    }
  }

  // 2. Filters, and units that lack a grouping key are left out.
  const kept: KpiUnit[] = [];
  for (const unit of units) {
    if (query.carrier !== undefined && unit.carrier !== query.carrier) continue;
    if (query.corridor !== undefined && unit.corridor !== query.corridor) continue;
    if (query.serviceLevel !== undefined && unit.serviceLevel !== query.serviceLevel) continue;
    if (keys.includes('corridor') && unit.corridor === null) continue;
    if (keys.includes('serviceLevel') && unit.serviceLevel === null) continue;
    kept.push(unit);
  }

  // 3. Groups, and the values of each family inside the window [from, to).
  const inWindow = (at: number): boolean => at >= from && at < to;
  interface Bucket {
    carrier: string | null;
    corridor: string | null;
    serviceLevel: string | null;
    transitDays: number[];
    customsHours: number[];
    attempted: number;
    attemptDelivered: number;
    delivered: number;
    onTime: number;
  }
  const buckets = new Map<string, Bucket>();
  for (const unit of kept) {
    const carrier = keys.includes('carrier') ? unit.carrier : null;
    const corridor = keys.includes('corridor') ? unit.corridor : null;
    const serviceLevel = keys.includes('serviceLevel') ? unit.serviceLevel : null;
    const id = JSON.stringify([carrier, corridor, serviceLevel]);
    let bucket = buckets.get(id);
    if (bucket === undefined) {
      bucket = { carrier, corridor, serviceLevel, transitDays: [], customsHours: [], attempted: 0, attemptDelivered: 0, delivered: 0, onTime: 0 };
      buckets.set(id, bucket);
    }
    if (unit.transit !== null && inWindow(unit.transit.at)) {
      bucket.transitDays.push(unit.transit.days);
    }
    if (unit.customs !== null && inWindow(unit.customs.at)) {
      bucket.customsHours.push(unit.customs.hours);
    }
    if (unit.attempt !== null && inWindow(unit.attempt.at)) {
      bucket.attempted += 1;
      if (unit.attempt.delivered) bucket.attemptDelivered += 1;
    }
    if (unit.onTime !== null && inWindow(unit.onTime.at)) {
      bucket.delivered += 1;
      if (unit.onTime.onTime) bucket.onTime += 1;
    }
  }

  // 4. Rows: families without data are null; groups without any family are absent.
  const rows: KpiRow[] = [];
  for (const b of buckets.values()) {
    const variance = sampleVariance(b.transitDays);
    const row: KpiRow = {
      carrier: b.carrier,
      corridor: b.corridor,
      serviceLevel: b.serviceLevel,
      transit:
        b.transitDays.length === 0
          ? null
          : {
              count: b.transitDays.length,
              meanDays: mean(b.transitDays)!,
              stddevDays: variance === null ? null : Math.sqrt(variance),
              varianceDays: variance,
              p50Days: percentileCont(b.transitDays, 0.5)!,
              p90Days: percentileCont(b.transitDays, 0.9)!,
              p95Days: percentileCont(b.transitDays, 0.95)!,
            },
      customsHold:
        b.customsHours.length === 0
          ? null
          : {
              count: b.customsHours.length,
              meanHours: mean(b.customsHours)!,
              p50Hours: percentileCont(b.customsHours, 0.5)!,
              p90Hours: percentileCont(b.customsHours, 0.9)!,
            },
      firstAttempt: b.attempted === 0 ? null : { attempted: b.attempted, delivered: b.attemptDelivered, rate: rate(b.attemptDelivered, b.attempted)! },
      onTime: b.delivered === 0 ? null : { delivered: b.delivered, onTime: b.onTime, rate: rate(b.onTime, b.delivered)! },
    };
    if (row.transit !== null || row.customsHold !== null || row.firstAttempt !== null || row.onTime !== null) {
      rows.push(row);
    }
  }
  rows.sort(
    (a, b) =>
      compareNullableStrings(a.carrier, b.carrier) ||
      compareNullableStrings(a.corridor, b.corridor) ||
      compareNullableStrings(a.serviceLevel, b.serviceLevel),
  );
  return { from: query.from, to: query.to, groupBy: keys, rows };
}

// ───────────────────────────── §2 hand-over gaps ─────────────────────────────

export interface HandoverGap {
  shipmentIndex: number;
  /** the leg that handed over; the next leg is fromLegIndex + 1 */
  fromLegIndex: number;
  fromCarrier: string;
  toCarrier: string;
  handedOverAt: number;
  nextLegStartAt: number;
  /** nextLegStartAt − handedOverAt in hours; negative when the next leg scanned first */
  gapHours: number;
}

export interface HandoverPairStats {
  fromCarrier: string;
  toCarrier: string;
  count: number;
  meanHours: number;
  p50Hours: number;
  p90Hours: number;
}

/**
 * kpis.md §2: "The gap between a leg's HANDED_OVER and the next leg's legStartAt is the hand-over
 * gap, reported per pair of carriers".
 * READING: the leg's HANDED_OVER is its earliest HANDED_OVER naming the next leg; a pair without
 * a next-leg physical scan has no gap. Gaps are signed (the last mile often scans before the
 * hand-over arrives) and in hours (the spec names no unit). No window. Pairs sort by
 * (fromCarrier, toCarrier); statistics as §4 (mean, percentile_cont).
 */
export function handoverGaps(input: OracleInput): { gaps: HandoverGap[]; pairs: HandoverPairStats[] } {
  const events = prepare(input);
  const gaps: HandoverGap[] = [];
  input.shipments.forEach((shipment, shipmentIndex) => {
    for (let i = 0; i + 1 < shipment.legs.length; i++) {
      const leg = shipment.legs[i];
      const next = shipment.legs[i + 1];
      let handedOverAt: number | null = null;
      for (const e of events) {
        if (e.milestone === HANDED_OVER && sameLeg(e, leg) && e.handover !== null && sameLeg(e.handover, next)) {
          if (handedOverAt === null || e.at < handedOverAt) handedOverAt = e.at;
        }
      }
      const nextLegStartAt = earliestPhysical(mappedEventsOfLegs(events, [next]));
      if (handedOverAt === null || nextLegStartAt === null) continue;
      gaps.push({
        shipmentIndex,
        fromLegIndex: i,
        fromCarrier: leg.carrier,
        toCarrier: next.carrier,
        handedOverAt,
        nextLegStartAt,
        gapHours: msToHours(nextLegStartAt - handedOverAt),
      });
    }
  });
  const byPair = new Map<string, { fromCarrier: string; toCarrier: string; values: number[] }>();
  for (const gap of gaps) {
    const id = JSON.stringify([gap.fromCarrier, gap.toCarrier]);
    let entry = byPair.get(id);
    if (entry === undefined) {
      entry = { fromCarrier: gap.fromCarrier, toCarrier: gap.toCarrier, values: [] };
      byPair.set(id, entry);
    }
    entry.values.push(gap.gapHours);
  }
  const pairs: HandoverPairStats[] = [];
  for (const entry of byPair.values()) {
    pairs.push({
      fromCarrier: entry.fromCarrier,
      toCarrier: entry.toCarrier,
      count: entry.values.length,
      meanHours: mean(entry.values)!,
      p50Hours: percentileCont(entry.values, 0.5)!,
      p90Hours: percentileCont(entry.values, 0.9)!,
    });
  }
  pairs.sort((a, b) => compareNullableStrings(a.fromCarrier, b.fromCarrier) || compareNullableStrings(a.toCarrier, b.toCarrier));
  return { gaps, pairs };
}

// ───────────────────────────── §6 beyond the basics ─────────────────────────────

function sortedCarriers(events: DistinctEvent[]): string[] {
  const set = new Set<string>();
  for (const e of events) set.add(e.carrier);
  return [...set].sort((a, b) => compareNullableStrings(a, b));
}

export interface FeedLatencyRow {
  carrier: string;
  count: number;
  p50Hours: number;
  p95Hours: number;
}

/**
 * §6 "feed latency: per event receivedAt − occurredAt; p50/p95 hours per carrier".
 * READING: over the distinct MAPPED events that have a receivedAt (kpis.md preamble: "Only events
 * with a milestone count"), linked to a shipment or not, no window; signed (occurredAt may be up to
 * 24 h after receipt); percentile_cont as §4. Carriers without such events are absent.
 */
export function feedLatency(input: OracleInput): FeedLatencyRow[] {
  const events = prepare(input);
  const rows: FeedLatencyRow[] = [];
  for (const carrier of sortedCarriers(events)) {
    const values: number[] = [];
    for (const e of events) {
      if (e.carrier === carrier && e.milestone !== null && e.receivedAt !== null) {
        values.push(msToHours(e.receivedAt - e.at));
      }
    }
    if (values.length === 0) continue;
    rows.push({ carrier, count: values.length, p50Hours: percentileCont(values, 0.5)!, p95Hours: percentileCont(values, 0.95)! });
  }
  return rows;
}

export interface UnmappedRateRow {
  carrier: string;
  events: number;
  unmapped: number;
  rate: number;
  /** Wilson 95 % interval of `rate` */
  interval: { lower: number; upper: number };
}

/**
 * §6 "unmapped rate: unmapped events / events, per carrier".
 * READING: over all distinct events of the carrier, linked to a shipment or not, no window.
 */
export function unmappedRate(input: OracleInput): UnmappedRateRow[] {
  const events = prepare(input);
  const rows: UnmappedRateRow[] = [];
  for (const carrier of sortedCarriers(events)) {
    let total = 0;
    let unmapped = 0;
    for (const e of events) {
      if (e.carrier !== carrier) continue;
      total += 1;
      if (e.milestone === null) unmapped += 1;
    }
    rows.push({ carrier, events: total, unmapped, rate: rate(unmapped, total)!, interval: wilsonInterval(unmapped, total)! });
  }
  return rows;
}

export interface ShipmentFlag {
  shipmentIndex: number;
  /** the shipment's first leg, to find it in the API */
  firstLeg: OracleLegRef;
  /** the instant the flag was measured from */
  lastAt: number;
  /** asOf − lastAt in days */
  daysSince: number;
}

/**
 * §6 "silent shipments: not terminal and lastEventAt older than 10 days at asOf".
 * READING: "older than" is strict: asOf − lastEventAt > 10 days. lastEventAt is the §1 fact
 * (latest PHYSICAL event); a shipment with no physical event has no lastEventAt and is not silent.
 */
export function silentShipments(input: OracleInput, asOf: string): ShipmentFlag[] {
  const events = prepare(input);
  const now = parseInstant(asOf, 'asOf');
  const result: ShipmentFlag[] = [];
  input.shipments.forEach((shipment, shipmentIndex) => {
    const f = shipmentFactsFrom(events, shipment, now);
    if (f.terminal || f.lastEventAt === null) return;
    if (now - f.lastEventAt > 10 * MS_PER_DAY) {
      result.push({ shipmentIndex, firstLeg: shipment.legs[0], lastAt: f.lastEventAt, daysSince: msToDays(now - f.lastEventAt) });
    }
  });
  return result;
}

/**
 * §6 "lost candidates: not terminal and no event for 60 days at asOf".
 * READING: "no event" means no MAPPED event of any kind (INFO_RECEIVED included; unmapped events
 * never count) on any of its legs; "for 60 days" is inclusive: asOf − latest mapped event ≥ 60 days.
 * A shipment with no mapped event at all is not a candidate (no instant to measure from).
 */
export function lostCandidates(input: OracleInput, asOf: string): ShipmentFlag[] {
  const events = prepare(input);
  const now = parseInstant(asOf, 'asOf');
  const result: ShipmentFlag[] = [];
  input.shipments.forEach((shipment, shipmentIndex) => {
    const f = shipmentFactsFrom(events, shipment, now);
    if (f.terminal) return;
    let latest: number | null = null;
    for (const e of mappedEventsOfLegs(events, shipment.legs)) {
      if (latest === null || e.at > latest) latest = e.at;
    }
    if (latest === null) return;
    if (now - latest >= 60 * MS_PER_DAY) {
      result.push({ shipmentIndex, firstLeg: shipment.legs[0], lastAt: latest, daysSince: msToDays(now - latest) });
    }
  });
  return result;
}

// ───────────────────────────── §6 Kaplan–Meier censored transit ─────────────────────────────

export interface SurvivalObservation {
  /** days */
  time: number;
  /** true = delivered at `time`; false = censored at `time` */
  event: boolean;
}

export interface SurvivalPoint {
  time: number;
  atRisk: number;
  events: number;
  /** S(time), right-continuous: the survival just after `time` */
  survival: number;
}

export interface KaplanMeierResult {
  observations: number;
  events: number;
  censored: number;
  curve: SurvivalPoint[];
  median: number | null;
  p90: number | null;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x === 0n ? 1n : x;
}

/**
 * Product-limit estimator. S(t) = Π over event times tᵢ ≤ t of (nᵢ − dᵢ)/nᵢ, where nᵢ counts the
 * observations with time ≥ tᵢ (an observation censored at tᵢ is still at risk at tᵢ).
 * READING: the q-quantile is the smallest event time t with S(t) ≤ 1 − q (median: S ≤ 0.5,
 * p90: S ≤ 0.1), null when the curve never gets that low. No midpoint rule. S is kept as an
 * exact fraction (BigInt) for the comparison, so that e.g. S = 5/10 is exactly ≤ 0.5.
 * Note: without censoring this gives the LOWER empirical quantile, not percentile_cont.
 */
export function kaplanMeier(observations: SurvivalObservation[]): KaplanMeierResult {
  const eventTimes: number[] = [];
  for (const o of observations) {
    if (o.event && !eventTimes.includes(o.time)) eventTimes.push(o.time);
  }
  eventTimes.sort((a, b) => a - b);
  const curve: SurvivalPoint[] = [];
  const exact: { num: bigint; den: bigint }[] = [];
  let num = 1n;
  let den = 1n;
  let survival = 1;
  for (const t of eventTimes) {
    let atRisk = 0;
    let events = 0;
    for (const o of observations) {
      if (o.time >= t) atRisk += 1;
      if (o.event && o.time === t) events += 1;
    }
    num *= BigInt(atRisk - events);
    den *= BigInt(atRisk);
    const divisor = gcd(num, den);
    num /= divisor;
    den /= divisor;
    exact.push({ num, den });
    survival *= (atRisk - events) / atRisk;
    curve.push({ time: t, atRisk, events, survival });
  }
  /** smallest t with S(t) ≤ (100 − percent)/100 ⇔ 100·num ≤ (100 − percent)·den */
  const quantile = (percent: bigint): number | null => {
    for (let i = 0; i < curve.length; i++) {
      if (100n * exact[i].num <= (100n - percent) * exact[i].den) return curve[i].time;
    }
    return null;
  };
  let eventCount = 0;
  for (const o of observations) if (o.event) eventCount += 1;
  return {
    observations: observations.length,
    events: eventCount,
    censored: observations.length - eventCount,
    curve,
    median: quantile(50n),
    p90: quantile(90n),
  };
}

/**
 * §6 "censored transit: Kaplan–Meier estimate of transit days counting undelivered parcels as
 * censored at asOf; median and p90".
 * READING: one observation per shipment (shipment facts), time measured from firstScanAt; shipments
 * without firstScanAt, or with firstScanAt after asOf, are excluded. Delivered (deliveredAt ≤ asOf):
 * event at transitDays. Otherwise censored at (asOf − firstScanAt) days — including returned, lost
 * and destroyed parcels ("undelivered parcels ... censored at asOf"). `select` picks the shipments
 * (e.g. a corridor); all by default. No window.
 */
export function kaplanMeierTransit(
  input: OracleInput,
  asOf: string,
  select: (shipment: OracleShipment) => boolean = () => true,
): KaplanMeierResult {
  const events = prepare(input);
  const now = parseInstant(asOf, 'asOf');
  const observations: SurvivalObservation[] = [];
  for (const shipment of input.shipments) {
    if (!select(shipment)) continue;
    const f = shipmentFactsFrom(events, shipment, now);
    if (f.firstScanAt === null || f.firstScanAt > now) continue;
    if (f.deliveredAt !== null && f.deliveredAt <= now) {
      observations.push({ time: msToDays(f.deliveredAt - f.firstScanAt), event: true });
    } else {
      observations.push({ time: msToDays(now - f.firstScanAt), event: false });
    }
  }
  return kaplanMeier(observations);
}
