import { canonicalErrors, context, fixture, table } from '../testing/fixture.util';
import { adaptSeventeenTrack } from './seventeen-track.adapter';
import { SEVENTEEN_TRACK_CODE_MAP } from './seventeen-track.code-map';

const payload = () => JSON.parse(fixture('seventeen-track/fixtures/tracking-updated.json'));

describe('17TRACK TRACKING_UPDATED fixture', () => {
  it('turns every provider event into the expected canonical event, plus the local-number hand-over', () => {
    const result = adaptSeventeenTrack(payload(), context);
    expect(result.rejected).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(table(result, SEVENTEEN_TRACK_CODE_MAP)).toEqual([
      ['Delivered_Other', 'DELIVERED', '2026-11-10T14:20:00-03:00'],
      ['OutForDelivery_Other', 'OUT_FOR_DELIVERY', '2026-11-10T08:05:00-03:00'],
      ['InTransit_CustomsReleased', 'IMPORT_CUSTOMS_RELEASED', '2026-11-07T10:00:00-03:00'],
      ['InTransit_CustomsProcessing', 'IMPORT_CUSTOMS_STARTED', '2026-11-06T09:15:00-03:00'],
      ['InTransit_Arrival', 'ARRIVED_DESTINATION', '2026-11-05T21:40:00-03:00'],
      ['InTransit_Departure', 'DEPARTED_ORIGIN', '2026-11-03T02:10:00+08:00'],
      ['InTransit_CustomsProcessing', 'EXPORT_CUSTOMS_STARTED', '2026-11-02T12:00:00+08:00'],
      ['InTransit_PickedUp', 'ACCEPTED', '2026-11-01T16:20:00+08:00'],
      ['InfoReceived', 'INFO_RECEIVED', '2026-11-01T08:00:00+08:00'],
      ['HANDOVER_LOCAL_NUMBER', 'HANDED_OVER', '2026-11-06T09:15:00-03:00'],
    ]);
    expect(canonicalErrors(result, 'cainiao')).toEqual([]);
  });

  it('links the last mile: local_number at local_provider becomes the handover of a HANDED_OVER event', () => {
    const handover = adaptSeventeenTrack(payload(), context).events.find(({ event }) => event.milestone === 'HANDED_OVER');
    expect(handover?.event.handover).toEqual({ carrier: 'correios', trackingNumber: 'NL123456785BR' });
    expect(handover?.raw).toEqual(payload().data.track_info.misc_info);
  });

  it('keeps the hand-over without handover and warns when local_provider is not a registered carrier', () => {
    const body = payload();
    body.data.track_info.misc_info.local_provider = 'Jadlog';
    const result = adaptSeventeenTrack(body, context);
    const handover = result.events.find(({ event }) => event.milestone === 'HANDED_OVER');
    expect(handover?.event.handover).toBeUndefined();
    expect(result.warnings).toEqual([
      {
        kind: 'unknown_handover_carrier',
        path: 'data.track_info.misc_info.local_provider',
        errors: ["local_provider 'Jadlog' is not a registered carrier; the HANDED_OVER event is kept without its handover (register the carrier to link the last mile)"],
      },
    ]);
  });

  it('turns estimated_delivery_date into the carrierEstimate, not an event', () => {
    expect(adaptSeventeenTrack(payload(), context).estimates).toEqual([
      { path: 'data.track_info.time_metrics.estimated_delivery_date', trackingNumber: 'RR123456785CN', carrierEstimate: '2026-11-14T23:59:59-03:00' },
    ]);
  });

  it('falls back to time_utc when time_iso is missing', () => {
    const body = payload();
    const event = body.data.track_info.tracking.providers[0].events[0];
    event.time_iso = null;
    expect(adaptSeventeenTrack(body, context).events[0].event.occurredAt).toBe('2026-11-10T17:20:00Z');
  });

  it('answers other webhook events (TRACKING_STOPPED) with no events', () => {
    expect(adaptSeventeenTrack({ event: 'TRACKING_STOPPED', data: { number: 'RR123456785CN', carrier: 3011 } }, context).events).toEqual([]);
  });
});
