import type { CanonicalEvent, SimulatedCarrier } from './feed.types';
import type { Milestone } from './milestones.constants';

function normalised(value: string | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

// The identity events.md §6 dedups on: the carrier's eventId when given, otherwise the
// instant (whatever offset wrote it), milestone-or-code and location.
export function eventIdentity(carrier: string, event: CanonicalEvent): string {
  if (event.eventId !== undefined) return `${carrier}|id|${event.eventId}`;
  const instant = Date.parse(event.occurredAt);
  if (Number.isNaN(instant)) throw new Error(`occurredAt is not a date: ${event.occurredAt}`);
  return [
    carrier,
    event.trackingNumber,
    String(instant),
    event.milestone ?? event.code ?? '',
    normalised(event.location?.country),
    normalised(event.location?.city),
    normalised(event.location?.facility),
  ].join('|');
}

// The milestone Lanewatch should end up with: an explicit one wins, otherwise the code map's.
export function resolveEventMilestone(carrier: SimulatedCarrier, event: CanonicalEvent): Milestone | null {
  if (event.milestone !== undefined) return event.milestone;
  if (event.code === undefined) return null;
  return carrier.codeMap?.[event.code] ?? null;
}
