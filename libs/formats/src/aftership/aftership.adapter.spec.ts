import { canonicalErrors, context, fixture, table } from '../testing/fixture.util';
import { adaptAfterShip } from './aftership.adapter';
import { AFTERSHIP_CODE_MAP } from './aftership.code-map';

const payload = () => JSON.parse(fixture('aftership/fixtures/tracking-update.json'));

describe('AfterShip tracking_update fixture', () => {
  it('turns every checkpoint into the expected canonical event', () => {
    const result = adaptAfterShip(payload(), context);
    expect(result.rejected).toEqual([]);
    expect(table(result, AFTERSHIP_CODE_MAP)).toEqual([
      ['InfoReceived_001', 'INFO_RECEIVED', '2026-11-01T09:00:00+08:00'],
      ['InTransit_002', 'ACCEPTED', '2026-11-01T18:30:00+08:00'],
      ['InTransit_003', 'ORIGIN_FACILITY', '2026-11-02T06:10:00+08:00'],
      ['InTransit_006', 'EXPORT_CUSTOMS_STARTED', '2026-11-02T11:00:00+08:00'],
      ['InTransit_007', 'ORIGIN_FACILITY', '2026-11-03T01:20:00+08:00'],
      ['InTransit_004', 'ARRIVED_DESTINATION', '2026-11-04T07:45:00-05:00'],
      ['InTransit_005', 'IMPORT_CUSTOMS_RELEASED', '2026-11-04T15:05:00-05:00'],
      ['InTransit_003', 'DESTINATION_FACILITY', '2026-11-05T04:30:00-05:00'],
      ['OutForDelivery_001', 'OUT_FOR_DELIVERY', '2026-11-06T08:02:00-05:00'],
      ['Delivered_002', 'DELIVERED', '2026-11-06T14:37:00-05:00'],
    ]);
    expect(canonicalErrors(result, 'usps')).toEqual([]);
  });

  it('keeps the raw checkpoint, the location, the shipment block and the delivered subtype', () => {
    const result = adaptAfterShip(payload(), context);
    const delivered = result.events[9];
    expect(delivered.event).toEqual({
      trackingNumber: 'LP005123456789CN',
      code: 'Delivered_002',
      occurredAt: '2026-11-06T14:37:00-05:00',
      location: { country: 'US', city: 'Brooklyn', facility: 'Post Office' },
      message: 'Picked up at post office',
      subtype: 'pickup_point',
      shipment: { origin: 'CN', destination: 'US', orderRef: '8123456789' },
    });
    expect(delivered.raw).toEqual(payload().msg.checkpoints[9]);
    expect(delivered.path).toBe('msg.checkpoints[9]');
  });

  it('reads a checkpoint_time without offset in the checkpoint country main zone', () => {
    const body = payload();
    body.msg.checkpoints = [{ ...body.msg.checkpoints[6], checkpoint_time: '2026-07-04T15:05:00' }];
    expect(adaptAfterShip(body, context).events[0].event.occurredAt).toBe('2026-07-04T15:05:00-04:00');
  });

  it('rejects a checkpoint without offset and without country, naming the path', () => {
    const body = payload();
    body.msg.checkpoints = [{ ...body.msg.checkpoints[6], checkpoint_time: '2026-11-04T15:05:00', country_iso3: null, country_name: null }];
    const result = adaptAfterShip(body, context);
    expect(result.events).toEqual([]);
    expect(result.rejected).toEqual([
      {
        path: 'msg.checkpoints[0]',
        errors: ["msg.checkpoints[0]: checkpoint_time '2026-11-04T15:05:00' has no UTC offset and the event has no country to read it in; send the offset or the country"],
      },
    ]);
  });

  it('decides customs direction by country: InTransit_006 at the destination is an import', () => {
    const body = payload();
    body.msg.checkpoints = [{ ...body.msg.checkpoints[3], country_iso3: 'USA', checkpoint_time: '2026-11-04T10:00:00-05:00' }];
    expect(adaptAfterShip(body, context).events[0].event.milestone).toBe('IMPORT_CUSTOMS_STARTED');
  });

  it('follows the journey order for a sided subtag when neither the checkpoint nor the tracking names countries', () => {
    const body = payload();
    delete body.msg.origin_country_iso3;
    delete body.msg.destination_country_iso3;
    body.msg.checkpoints = [{ ...body.msg.checkpoints[2], country_iso3: null, country_name: null }];
    const [adapted] = adaptAfterShip(body, context).events;
    expect(adapted.event.code).toBe('InTransit_003');
    expect(adapted.event.milestone).toBe('ORIGIN_FACILITY');
  });

  it('reads the newer country_region fields as well', () => {
    const body = payload();
    body.msg.origin_country_region = body.msg.origin_country_iso3;
    body.msg.destination_country_region = body.msg.destination_country_iso3;
    delete body.msg.origin_country_iso3;
    delete body.msg.destination_country_iso3;
    body.msg.checkpoints = body.msg.checkpoints.map((checkpoint: Record<string, unknown>) => {
      const { country_iso3, ...rest } = checkpoint;
      return { ...rest, country_region: country_iso3 };
    });
    expect(table(adaptAfterShip(body, context), AFTERSHIP_CODE_MAP)).toEqual(table(adaptAfterShip(payload(), context), AFTERSHIP_CODE_MAP));
  });
});
