import type { JourneyEvent, JourneyGap, ShipmentJourney } from '../api/shipment-types';
import { columnsCsv, type CsvColumn } from '../shared/csv.util';

export type TimelineRow =
  | { kind: 'event'; key: string; event: JourneyEvent; legPosition: number | null }
  | { kind: 'gap'; key: string; gap: JourneyGap };

const legKey = (carrier: string, trackingNumber: string) => `${carrier}/${trackingNumber}`;

// One timeline across every leg: the API already orders events; silent gaps are slotted in where
// they start, so the eye sees the silence between the two scans around it.
export function buildTimeline(journey: Pick<ShipmentJourney, 'events' | 'gaps' | 'legs'>): TimelineRow[] {
  const positions = new Map(journey.legs.map((leg) => [legKey(leg.carrier, leg.trackingNumber), leg.position]));
  const gaps = [...journey.gaps].sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  const rows: TimelineRow[] = [];
  let nextGap = 0;
  journey.events.forEach((event, index) => {
    const at = Date.parse(event.occurredAt);
    while (nextGap < gaps.length && Date.parse(gaps[nextGap].from) < at) {
      rows.push({ kind: 'gap', key: `gap-${nextGap}`, gap: gaps[nextGap] });
      nextGap += 1;
    }
    rows.push({ kind: 'event', key: `event-${index}`, event, legPosition: positions.get(legKey(event.carrier, event.trackingNumber)) ?? null });
  });
  for (; nextGap < gaps.length; nextGap += 1) {
    rows.push({ kind: 'gap', key: `gap-${nextGap}`, gap: gaps[nextGap] });
  }
  return rows;
}

export type DeliveryAttempt = { at: string; carrier: string; delivered: boolean; reason: string | null };

// Each delivery attempt and how it ended; a pickup notice counts as a failed attempt at the door.
export function deliveryAttempts(events: readonly JourneyEvent[]): DeliveryAttempt[] {
  return events
    .filter((event) => event.milestone === 'DELIVERED' || event.milestone === 'DELIVERY_FAILED' || event.milestone === 'AVAILABLE_FOR_PICKUP')
    .map((event) => ({ at: event.occurredAt, carrier: event.carrier, delivered: event.milestone === 'DELIVERED', reason: event.reason }));
}

export function customsEvents(events: readonly JourneyEvent[]): JourneyEvent[] {
  return events.filter((event) => event.milestone !== null && event.milestone.includes('CUSTOMS'));
}

export function formatLocation({ location }: Pick<JourneyEvent, 'location'>): string {
  const parts = [location.facility, location.city, location.country].filter((part): part is string => part !== null && part !== '');
  return parts.length === 0 ? '—' : parts.join(', ');
}

const TIMELINE_CSV_COLUMNS: readonly CsvColumn<TimelineRow>[] = [
  { header: 'kind', value: (row) => row.kind },
  { header: 'occurred_at', value: (row) => (row.kind === 'event' ? row.event.occurredAt : row.gap.from) },
  { header: 'occurred_at_local', value: (row) => (row.kind === 'event' ? row.event.occurredAtLocal : null) },
  { header: 'until', value: (row) => (row.kind === 'gap' ? row.gap.to : null) },
  { header: 'silent_hours', value: (row) => (row.kind === 'gap' ? row.gap.hours : null) },
  { header: 'leg', value: (row) => (row.kind === 'event' ? row.legPosition : null) },
  { header: 'carrier', value: (row) => (row.kind === 'event' ? row.event.carrier : null) },
  { header: 'tracking_number', value: (row) => (row.kind === 'event' ? row.event.trackingNumber : null) },
  { header: 'milestone', value: (row) => (row.kind === 'event' ? row.event.milestone : null) },
  { header: 'raw_code', value: (row) => (row.kind === 'event' ? row.event.code : null) },
  { header: 'country', value: (row) => (row.kind === 'event' ? row.event.location.country : null) },
  { header: 'city', value: (row) => (row.kind === 'event' ? row.event.location.city : null) },
  { header: 'facility', value: (row) => (row.kind === 'event' ? row.event.location.facility : null) },
  { header: 'message', value: (row) => (row.kind === 'event' ? row.event.message : null) },
  { header: 'reason', value: (row) => (row.kind === 'event' ? row.event.reason : null) },
];

// The timeline as shown: events and the silent gaps between them, in the same order.
export function timelineCsv(rows: readonly TimelineRow[]): string {
  return columnsCsv(TIMELINE_CSV_COLUMNS, rows);
}
