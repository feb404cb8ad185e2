import { describe, expect, it } from '@jest/globals';
import type { JourneyEvent, ShipmentJourney } from '../api/shipment-types';
import { buildTimeline, customsEvents, deliveryAttempts, formatLocation, timelineCsv } from './shipment-timeline.util';

function event(overrides: Partial<JourneyEvent>): JourneyEvent {
  return {
    carrier: 'cainiao',
    trackingNumber: 'LP1CN',
    milestone: 'ACCEPTED',
    code: null,
    occurredAt: '2026-11-01T00:00:00.000Z',
    occurredAtLocal: null,
    receivedAt: null,
    location: { country: null, city: null, facility: null },
    message: null,
    reason: null,
    handover: null,
    ...overrides,
  };
}

const journey: Pick<ShipmentJourney, 'events' | 'gaps' | 'legs'> = {
  legs: [
    { position: 1, carrier: 'cainiao', trackingNumber: 'LP1CN', handedOverFrom: null, linkedAt: null, events: 2 },
    { position: 2, carrier: 'correios', trackingNumber: 'NL1BR', handedOverFrom: { carrier: 'cainiao', trackingNumber: 'LP1CN' }, linkedAt: null, events: 2 },
  ],
  events: [
    event({ milestone: 'ACCEPTED', occurredAt: '2026-11-01T00:00:00.000Z' }),
    event({ milestone: 'HANDED_OVER', occurredAt: '2026-11-02T00:00:00.000Z', handover: { carrier: 'correios', trackingNumber: 'NL1BR' } }),
    event({ carrier: 'correios', trackingNumber: 'NL1BR', milestone: 'DELIVERY_FAILED', occurredAt: '2026-11-06T00:00:00.000Z', reason: 'ADDRESSEE_ABSENT' }),
    event({ carrier: 'correios', trackingNumber: 'NL1BR', milestone: 'DELIVERED', occurredAt: '2026-11-07T00:00:00.000Z' }),
  ],
  gaps: [{ from: '2026-11-02T00:00:00.000Z', to: '2026-11-06T00:00:00.000Z', hours: 96, open: false }],
};

describe('buildTimeline', () => {
  it('puts every leg on one timeline with its leg position, and the silent gap between the scans around it', () => {
    const rows = buildTimeline(journey);
    expect(rows.map((row) => (row.kind === 'gap' ? 'gap' : `${row.legPosition}:${row.event.milestone}`))).toEqual([
      '1:ACCEPTED',
      '1:HANDED_OVER',
      'gap',
      '2:DELIVERY_FAILED',
      '2:DELIVERED',
    ]);
  });

  it('an open gap (silent until now) comes last', () => {
    const rows = buildTimeline({ ...journey, gaps: [{ from: '2026-11-07T00:00:00.000Z', to: null, hours: 60, open: true }] });
    expect(rows.at(-1)?.kind).toBe('gap');
  });

  it('an event of a leg the journey does not list has no position', () => {
    const rows = buildTimeline({ ...journey, legs: [] });
    expect(rows[0]).toMatchObject({ kind: 'event', legPosition: null });
  });
});

describe('deliveryAttempts and customsEvents', () => {
  it('lists each attempt with how it ended', () => {
    expect(deliveryAttempts(journey.events)).toEqual([
      { at: '2026-11-06T00:00:00.000Z', carrier: 'correios', delivered: false, reason: 'ADDRESSEE_ABSENT' },
      { at: '2026-11-07T00:00:00.000Z', carrier: 'correios', delivered: true, reason: null },
    ]);
  });

  it('picks the customs milestones of either direction', () => {
    const events = [event({ milestone: 'EXPORT_CUSTOMS_CLEARED' }), event({ milestone: 'IMPORT_CUSTOMS_HELD' }), event({ milestone: null })];
    expect(customsEvents(events).map((e) => e.milestone)).toEqual(['EXPORT_CUSTOMS_CLEARED', 'IMPORT_CUSTOMS_HELD']);
  });
});

describe('formatLocation', () => {
  it('joins what is known', () => {
    expect(formatLocation({ location: { country: 'BR', city: 'Curitiba', facility: null } })).toBe('Curitiba, BR');
    expect(formatLocation({ location: { country: null, city: null, facility: null } })).toBe('—');
  });
});

describe('timelineCsv', () => {
  it('writes events and silent gaps in timeline order, raw instants and empty cells for no value', () => {
    const lines = timelineCsv(buildTimeline(journey)).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'kind,occurred_at,occurred_at_local,until,silent_hours,leg,carrier,tracking_number,milestone,raw_code,country,city,facility,message,reason',
    );
    expect(lines).toHaveLength(6);
    expect(lines[3]).toBe('gap,2026-11-02T00:00:00.000Z,,2026-11-06T00:00:00.000Z,96,,,,,,,,,,');
    expect(lines[4]).toBe('event,2026-11-06T00:00:00.000Z,,,,2,correios,NL1BR,DELIVERY_FAILED,,,,,,ADDRESSEE_ABSENT');
  });
});
