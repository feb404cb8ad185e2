import { canonicalErrors, context, fixture, table } from '../testing/fixture.util';
import { adaptCainiao } from './cainiao.adapter';
import { CAINIAO_CODE_MAP } from './cainiao.code-map';

const payload = () => JSON.parse(fixture('cainiao/fixtures/tracking-detail.json'));

describe('Cainiao tracking detail fixture', () => {
  it('turns every detail into the expected canonical event', () => {
    const result = adaptCainiao(payload(), context);
    expect(result.rejected).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(table(result, CAINIAO_CODE_MAP)).toEqual([
      ['GTMS_STA_SIGNED', 'AVAILABLE_FOR_PICKUP', '2026-11-09T11:30:00-03:00'],
      ['GTMS_DO_DEPART', 'OUT_FOR_DELIVERY', '2026-11-09T08:00:00-03:00'],
      ['GTMS_ACCEPT', 'HANDED_OVER', '2026-11-07T14:00:00-03:00'],
      ['CC_IM_SUCCESS', 'IMPORT_CUSTOMS_RELEASED', '2026-11-07T09:00:00-03:00'],
      ['CC_HO_IN_SUCCESS', 'IMPORT_CUSTOMS_STARTED', '2026-11-05T18:00:00-03:00'],
      ['LH_ARRIVE', 'ARRIVED_DESTINATION', '2026-11-05T06:00:00-03:00'],
      ['LH_DEPART', 'DEPARTED_ORIGIN', '2026-11-03T03:00:00+08:00'],
      ['LH_HO_AIRLINE', 'HANDED_TO_LINEHAUL', '2026-11-02T20:00:00+08:00'],
      ['CC_EX_SUCCESS', 'EXPORT_CUSTOMS_CLEARED', '2026-11-02T15:00:00+08:00'],
      ['CC_EX_START', 'EXPORT_CUSTOMS_STARTED', '2026-11-02T10:00:00+08:00'],
      ['SC_OUTBOUND_SUCCESS', 'ORIGIN_FACILITY', '2026-11-01T23:00:00+08:00'],
      ['SC_INBOUND_SUCCESS', 'ORIGIN_FACILITY', '2026-11-01T19:00:00+08:00'],
      ['PU_PICKUP_SUCCESS', 'ACCEPTED', '2026-11-01T15:00:00+08:00'],
    ]);
    expect(canonicalErrors(result, 'cainiao')).toEqual([]);
  });

  it('reads GTMS_STA_SIGNED as a pickup-station arrival, not a delivery', () => {
    const [station] = adaptCainiao(payload(), context).events;
    expect(station.event.code).toBe('GTMS_STA_SIGNED');
    expect(station.event.milestone).toBeUndefined();
    expect(CAINIAO_CODE_MAP.GTMS_STA_SIGNED).toBe('AVAILABLE_FOR_PICKUP');
  });

  it('hands GTMS_ACCEPT over to copyRealMailNo at destCpInfo.cpName', () => {
    const accept = adaptCainiao(payload(), context).events[2];
    expect(accept.event).toMatchObject({ milestone: 'HANDED_OVER', handover: { carrier: 'correios', trackingNumber: 'NL123456789BR' } });
    expect(accept.raw).toEqual(payload().module[0].detailList[2]);
  });

  it('keeps GTMS_ACCEPT without handover and warns when cpName is not a registered carrier', () => {
    const body = payload();
    body.module[0].destCpInfo.cpName = 'Loggi';
    const result = adaptCainiao(body, context);
    expect(result.events[2].event.handover).toBeUndefined();
    expect(result.warnings).toEqual([
      {
        kind: 'unknown_handover_carrier',
        path: 'module[0].detailList[2]',
        errors: ["destCpInfo.cpName 'Loggi' is not a registered carrier; the hand-over to 'NL123456789BR' is kept without its handover (register the carrier to link the last mile)"],
      },
    ]);
  });

  it('maps any SC_ or RT_ action of the family without a map entry', () => {
    const body = payload();
    body.module[0].detailList = [{ ...body.module[0].detailList[11], actionCode: 'SC_ARRIVE' }, { ...body.module[0].detailList[11], actionCode: 'RT_CREATE' }];
    expect(adaptCainiao(body, context).events.map(({ event }) => event.milestone)).toEqual(['ORIGIN_FACILITY', 'RETURN_IN_TRANSIT']);
  });
});
