import { canonicalErrors, context, fixture, table } from '../testing/fixture.util';
import { adaptEasyPost } from './easypost.adapter';
import { EASYPOST_CODE_MAP } from './easypost.code-map';

const payload = () => JSON.parse(fixture('easypost/fixtures/tracker-updated.json'));

describe('EasyPost tracker.updated fixture', () => {
  it('turns every tracking detail into the expected canonical event', () => {
    const result = adaptEasyPost(payload(), context);
    expect(result.rejected).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(table(result, EASYPOST_CODE_MAP)).toEqual([
      ['label_created', 'INFO_RECEIVED', '2026-11-01T03:00:00Z'],
      ['arrived_at_facility', 'ORIGIN_FACILITY', '2026-11-01T14:00:00Z'],
      ['departed_origin_facility', 'DEPARTED_ORIGIN', '2026-11-02T09:30:00Z'],
      ['arrived_at_destination', 'ARRIVED_DESTINATION', '2026-11-04T11:00:00Z'],
      ['held', 'IMPORT_CUSTOMS_HELD', '2026-11-04T15:00:00Z'],
      ['transferred_to_destination_carrier', 'HANDED_OVER', '2026-11-06T02:00:00Z'],
      ['arrived_at_facility', 'DESTINATION_FACILITY', '2026-11-07T06:40:00Z'],
      ['out_for_delivery', 'OUT_FOR_DELIVERY', '2026-11-08T13:10:00Z'],
      ['delivered', 'DELIVERED', '2026-11-08T19:05:00Z'],
    ]);
    expect(canonicalErrors(result, 'cainiao')).toEqual([]);
  });

  it('hands over to the next source under carrier_detail.alternate_identifier', () => {
    const transfer = adaptEasyPost(payload(), context).events[5];
    expect(transfer.event.handover).toEqual({ carrier: 'usps', trackingNumber: '9261290100130435082507' });
    expect(transfer.raw).toEqual(payload().result.tracking_details[5]);
  });

  it('reads status_detail first and the status only when the detail says nothing of its own', () => {
    const body = payload();
    body.result.tracking_details = [
      { ...body.result.tracking_details[1], status: 'in_transit', status_detail: 'arrived_at_facility' },
      { ...body.result.tracking_details[8], status: 'delivered', status_detail: 'status_update' },
      { ...body.result.tracking_details[7], status: 'in_transit', status_detail: 'out_for_delivery' },
    ];
    expect(table(adaptEasyPost(body, context), EASYPOST_CODE_MAP).map(([code, milestone]) => [code, milestone])).toEqual([
      ['arrived_at_facility', 'ORIGIN_FACILITY'],
      ['delivered', 'DELIVERED'],
      ['out_for_delivery', 'OUT_FOR_DELIVERY'],
    ]);
  });

  it('treats held outside the destination country as an exception, not a customs hold', () => {
    const body = payload();
    body.result.tracking_details = [{ ...body.result.tracking_details[1], status_detail: 'held' }];
    expect(adaptEasyPost(body, context).events[0].event.milestone).toBe('EXCEPTION');
  });

  it('turns est_delivery_date, a date at midnight UTC, into the end of that day in the destination zone', () => {
    expect(adaptEasyPost(payload(), context).estimates).toEqual([
      { path: 'result.est_delivery_date', trackingNumber: 'GM605554122600006123', carrierEstimate: '2026-11-09T23:59:59-05:00' },
    ]);
  });

  it('keeps the hand-over without handover and warns when the next carrier is not registered', () => {
    const body = payload();
    body.result.tracking_details = body.result.tracking_details.map((detail: { source: string }) => (detail.source === 'USPS' ? { ...detail, source: 'OnTrac' } : detail));
    const result = adaptEasyPost(body, context);
    expect(result.events[5].event.handover).toBeUndefined();
    expect(result.warnings[0].path).toBe('result.tracking_details[5]');
    expect(result.warnings[0].errors[0]).toMatch(/alternate_identifier '9261290100130435082507' \('OnTrac'\) is not a registered carrier/);
  });
});
