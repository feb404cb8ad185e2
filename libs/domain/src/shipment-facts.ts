import { isPhysical, isTerminal, Milestone, milestoneOrder } from './milestones';
import { DAY_MS, HOUR_MS } from './time-units';

export interface FactEvent {
  milestone: Milestone | null;
  occurredAtMs: number;
  /** the carrier's reason (DELIVERY_FAILED, EXCEPTION), when given */
  reason?: string | null;
}

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
  firstAttemptDelivered: boolean | null;
  onTime: boolean | null;
  lastEventAt: number | null;
  maxSilenceHours: number | null;
  terminal: boolean;
}

export interface TrackingGap {
  fromMs: number;
  toMs: number;
  hours: number;
  /** true when the gap runs up to asOf: the parcel is silent now. */
  open: boolean;
}


/** Journey order: instant, then the milestone table's position (events.md §1). */
export function compareFactEvents(a: FactEvent, b: FactEvent): number {
  return (
    a.occurredAtMs - b.occurredAtMs ||
    (a.milestone ? milestoneOrder(a.milestone) : 99) - (b.milestone ? milestoneOrder(b.milestone) : 99)
  );
}

const earliest = (events: FactEvent[], milestones: Milestone[], notBefore = -Infinity): number | null => {
  let best: number | null = null;
  for (const event of events) {
    if (event.milestone && milestones.includes(event.milestone) && event.occurredAtMs >= notBefore) {
      if (best === null || event.occurredAtMs < best) best = event.occurredAtMs;
    }
  }
  return best;
};

const customsEpisode = (events: FactEvent[], start: Milestone[], release: Milestone) => {
  const startAt = earliest(events, start);
  const releasedAt = startAt === null ? null : earliest(events, [release], startAt);
  return { startAt, releasedAt, holdHours: startAt !== null && releasedAt !== null ? (releasedAt - startAt) / HOUR_MS : null };
};

/**
 * Shipment facts of kpis.md §1 over the given events (all linked legs, or one leg for leg facts).
 * Unmapped events (milestone null) and events after asOf do not count.
 */
export function deriveShipmentFacts(input: { events: FactEvent[]; promisedByMs: number | null; asOfMs: number }): ShipmentFacts {
  // The same event fed twice counts once (events.md §6), or a repeated scan would add a zero-hour "silence".
  const seen = new Set<string>();
  const events = input.events.filter((event) => {
    const key = `${event.milestone}@${event.occurredAtMs}`;
    if (event.milestone === null || event.occurredAtMs > input.asOfMs || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const physical = events.filter((event) => isPhysical(event.milestone as Milestone)).map((event) => event.occurredAtMs);
  physical.sort((a, b) => a - b);
  const firstScanAt = physical.length > 0 ? physical[0] : null;
  const lastEventAt = physical.length > 0 ? physical[physical.length - 1] : null;
  const deliveredAt = earliest(events, ['DELIVERED']);

  const importCustoms = customsEpisode(events, ['IMPORT_CUSTOMS_STARTED', 'IMPORT_CUSTOMS_HELD'], 'IMPORT_CUSTOMS_RELEASED');
  const exportCustoms = customsEpisode(events, ['EXPORT_CUSTOMS_STARTED', 'EXPORT_CUSTOMS_HELD'], 'EXPORT_CUSTOMS_CLEARED');

  // Same instant: DELIVERY_FAILED sorts before DELIVERED in the milestone order, so it counts first.
  const attempts = events
    .filter((event) => event.milestone === 'DELIVERED' || event.milestone === 'DELIVERY_FAILED')
    .sort(compareFactEvents);
  const firstAttempt = attempts.length > 0 ? attempts[0] : null;

  const silenceEnd = deliveredAt ?? input.asOfMs;
  const silencePoints = physical.filter((at) => at <= silenceEnd);
  if (deliveredAt === null && silencePoints.length > 0) silencePoints.push(input.asOfMs);
  let maxSilence: number | null = null;
  for (let index = 1; index < silencePoints.length; index += 1) {
    const gap = silencePoints[index] - silencePoints[index - 1];
    if (maxSilence === null || gap > maxSilence) maxSilence = gap;
  }

  return {
    firstScanAt,
    deliveredAt,
    transitDays: deliveredAt !== null && firstScanAt !== null ? (deliveredAt - firstScanAt) / DAY_MS : null,
    customsStartAt: importCustoms.startAt,
    customsReleasedAt: importCustoms.releasedAt,
    customsHoldHours: importCustoms.holdHours,
    exportCustomsStartAt: exportCustoms.startAt,
    exportCustomsReleasedAt: exportCustoms.releasedAt,
    exportCustomsHoldHours: exportCustoms.holdHours,
    firstAttemptAt: firstAttempt?.occurredAtMs ?? null,
    firstAttemptDelivered: firstAttempt ? firstAttempt.milestone === 'DELIVERED' : null,
    onTime: deliveredAt !== null && input.promisedByMs !== null ? deliveredAt <= input.promisedByMs : null,
    lastEventAt,
    maxSilenceHours: maxSilence === null ? null : maxSilence / HOUR_MS,
    terminal: events.some((event) => isTerminal(event.milestone as Milestone)),
  };
}

/** Silences in tracking of at least minHours between physical scans, plus the open one up to asOf. */
export function findTrackingGaps(input: { events: FactEvent[]; asOfMs: number; minHours: number }): TrackingGap[] {
  const physical = input.events
    .filter((event) => event.milestone !== null && isPhysical(event.milestone) && event.occurredAtMs <= input.asOfMs)
    .map((event) => event.occurredAtMs)
    .sort((a, b) => a - b);
  const terminal = input.events.some((event) => event.milestone !== null && isTerminal(event.milestone) && event.occurredAtMs <= input.asOfMs);
  const gaps: TrackingGap[] = [];
  for (let index = 1; index < physical.length; index += 1) {
    const hours = (physical[index] - physical[index - 1]) / HOUR_MS;
    if (hours >= input.minHours) gaps.push({ fromMs: physical[index - 1], toMs: physical[index], hours, open: false });
  }
  if (!terminal && physical.length > 0) {
    const last = physical[physical.length - 1];
    const hours = (input.asOfMs - last) / HOUR_MS;
    if (hours >= input.minHours) gaps.push({ fromMs: last, toMs: input.asOfMs, hours, open: true });
  }
  return gaps;
}
