import { canonicalErrors, context, fixture, table } from '../testing/fixture.util';
import { adaptUpuCsv, adaptUpuJson } from './upu.adapter';
import { UPU_CODE_MAP } from './upu.code-map';
import { formatMsDate, parseMsDate } from './upu-date';

const gtt = () => JSON.parse(fixture('upu/fixtures/gtt-events.json'));

describe('UPU GTT JSON fixture', () => {
  it('turns every event into the expected canonical event', () => {
    const result = adaptUpuJson(gtt(), context);
    expect(result.rejected).toEqual([]);
    expect(table(result, UPU_CODE_MAP)).toEqual([
      ['EMA', 'ACCEPTED', '2026-11-01T10:00:00+08:00'],
      ['EMB', 'ORIGIN_FACILITY', '2026-11-01T20:00:00+08:00'],
      ['EXA', 'EXPORT_CUSTOMS_STARTED', '2026-11-02T08:00:00+08:00'],
      ['EXC', 'EXPORT_CUSTOMS_CLEARED', '2026-11-02T12:00:00+08:00'],
      ['EMC', 'DEPARTED_ORIGIN', '2026-11-03T01:00:00+08:00'],
      ['EMD', 'ARRIVED_DESTINATION', '2026-11-05T07:30:00-03:00'],
      ['EDB', 'IMPORT_CUSTOMS_STARTED', '2026-11-05T09:00:00-03:00'],
      ['EME', 'IMPORT_CUSTOMS_HELD', '2026-11-05T11:00:00-03:00'],
      ['EDC', 'IMPORT_CUSTOMS_RELEASED', '2026-11-06T16:00:00-03:00'],
      ['EMF', 'DESTINATION_FACILITY', '2026-11-07T06:00:00-03:00'],
      ['EDG', 'OUT_FOR_DELIVERY', '2026-11-09T08:10:00-03:00'],
      ['EMI', 'DELIVERED', '2026-11-09T15:40:00-03:00'],
    ]);
    expect(result.events[5].event.location).toEqual({ country: 'BR', facility: 'CEINT CURITIBA' });
    expect(canonicalErrors(result, 'correios')).toEqual([]);
  });

  it('turns DLV into the shipment carrierEstimate, never a milestone', () => {
    const result = adaptUpuJson(gtt(), context);
    expect(result.events.some(({ event }) => event.code === 'DLV')).toBe(false);
    expect(result.estimates).toEqual([{ path: 'Items[0].Events[12]', trackingNumber: 'LP005123456789CN', carrierEstimate: '2026-11-12T23:59:59-03:00' }]);
  });

  it('maps EMF to IMPORT_CUSTOMS_RELEASED when no EDC was seen before it, else DESTINATION_FACILITY', () => {
    const body = gtt();
    body.Items[0].Events = body.Items[0].Events.filter((event: { EventCd: string }) => event.EventCd !== 'EDC');
    const emf = adaptUpuJson(body, context).events.find(({ event }) => event.code === 'EMF');
    expect(emf?.event.milestone).toBe('IMPORT_CUSTOMS_RELEASED');
    const withEdc = adaptUpuJson(gtt(), context).events.find(({ event }) => event.code === 'EMF');
    expect(withEdc?.event.milestone).toBe('DESTINATION_FACILITY');
  });

  it('parses /Date(ms±hhmm)/ keeping the writer offset, and formats it back', () => {
    expect(parseMsDate('/Date(1793962800000-0300)/')).toBe('2026-11-06T08:00:00-03:00');
    expect(parseMsDate('/Date(1793962800000)/')).toBe('2026-11-06T11:00:00Z');
    expect(formatMsDate('2026-11-06T08:00:00-03:00')).toBe('/Date(1793962800000-0300)/');
    expect(parseMsDate('2026-11-06')).toBeNull();
  });
});

describe('UPU EMSEVT-like CSV fixture', () => {
  it('turns every line into the expected canonical event, local times in the office country zone', () => {
    const result = adaptUpuCsv(fixture('upu/fixtures/emsevt-events.csv'), context);
    expect(result.rejected).toEqual([]);
    expect(table(result, UPU_CODE_MAP)).toEqual([
      ['EMA', 'ACCEPTED', '2026-11-01T09:12:00+01:00'],
      ['EMC', 'DEPARTED_ORIGIN', '2026-11-02T22:40:00+01:00'],
      ['EMD', 'ARRIVED_DESTINATION', '2026-11-04T06:05:00-03:00'],
      ['EMF', 'IMPORT_CUSTOMS_RELEASED', '2026-11-05T10:30:00-03:00'],
      ['EMH', 'DELIVERY_FAILED', '2026-11-07T11:20:00-03:00'],
      ['EDH', 'AVAILABLE_FOR_PICKUP', '2026-11-07T16:00:00-03:00'],
      ['EMI', 'DELIVERED', '2026-11-09T10:02:00-03:00'],
    ]);
    expect(result.events[4].event.reason).toBe('14');
    expect(result.events[4].event.message).toBe('Delivery attempt failed, addressee absent');
    expect(canonicalErrors(result, 'correios')).toEqual([]);
  });

  it('rejects a local time whose office names no country, by line number', () => {
    const csv = 'ItemId,EventCd,EventDT,OfficeCd\nCP123456785DE,EMA,2026-11-01 09:12,\n';
    const result = adaptUpuCsv(csv, context);
    expect(result.rejected).toEqual([
      { path: 'line 2', errors: ["line 2: EventDT '2026-11-01 09:12' has no UTC offset and the event has no country to read it in; send the offset or the country"] },
    ]);
  });
});
