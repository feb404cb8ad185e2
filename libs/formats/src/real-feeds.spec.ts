import { adaptAfterShip } from './aftership/aftership.adapter';
import { AFTERSHIP_REAL_CORPUS } from './aftership/aftership.real-corpus';
import { CAINIAO_CODE_MAP } from './cainiao/cainiao.code-map';
import { adaptCainiao } from './cainiao/cainiao.adapter';
import { CAINIAO_REAL_CORPUS } from './cainiao/cainiao.real-corpus';
import { adaptEasyPost } from './easypost/easypost.adapter';
import { EASYPOST_REAL_CORPUS } from './easypost/easypost.real-corpus';
import { FORMAT_DEFINITIONS } from './formats.registry';
import { adaptSeventeenTrack } from './seventeen-track/seventeen-track.adapter';
import { SEVENTEEN_TRACK_CODE_MAP } from './seventeen-track/seventeen-track.code-map';
import { SEVENTEEN_TRACK_REAL_CORPUS } from './seventeen-track/seventeen-track.real-corpus';
import { context, fixture, table } from './testing/fixture.util';
import { EASYPOST_CODE_MAP } from './easypost/easypost.code-map';
import { AFTERSHIP_CODE_MAP } from './aftership/aftership.code-map';

// One named spec per rule of formats.md's "What real feeds look like".
const cainiao = () => CAINIAO_REAL_CORPUS[0].body() as { module: Record<string, unknown>[] };
const seventeen = () => JSON.parse(fixture('seventeen-track/fixtures/tracking-updated.json'));
const easyPost = () => JSON.parse(fixture('easypost/fixtures/tracker-updated.json'));
const afterShip = () => JSON.parse(fixture('aftership/fixtures/tracking-update.json'));
const realPayload = (name: string) => {
  const payload = [...AFTERSHIP_REAL_CORPUS, ...SEVENTEEN_TRACK_REAL_CORPUS, ...CAINIAO_REAL_CORPUS].find((candidate) => candidate.name === name);
  if (!payload) throw new Error(`no real payload ${name}`);
  return payload;
};
const milestones = (format: 'aftership' | 'cainiao', body: unknown) =>
  FORMAT_DEFINITIONS[format].adapt(body, context).events.map(({ event }) => [event.code, event.milestone ?? FORMAT_DEFINITIONS[format].codeMap[event.code ?? ''] ?? null]);

describe('Never drop a real scan', () => {
  it('keeps a 17TRACK event with neither stage nor sub_status as UNCLASSIFIED with its text', () => {
    const body = seventeen();
    const event = body.data.track_info.tracking.providers[0].events[0];
    delete event.stage;
    delete event.sub_status;
    const result = adaptSeventeenTrack(body, context);
    expect(result.rejected).toEqual([]);
    expect(result.events[0].event).toMatchObject({ code: 'UNCLASSIFIED', occurredAt: '2026-11-10T14:20:00-03:00', message: 'Objeto entregue ao destinatário' });
    expect(result.events[0].event.milestone).toBeUndefined();
    expect(SEVENTEEN_TRACK_CODE_MAP.UNCLASSIFIED).toBeUndefined();
  });

  it('keeps an AfterShip checkpoint without a subtag or tag as UNCLASSIFIED', () => {
    const body = afterShip();
    body.msg.checkpoints = [{ ...body.msg.checkpoints[2], subtag: null, tag: null }];
    const [adapted] = adaptAfterShip(body, context).events;
    expect(adapted.event).toMatchObject({ code: 'UNCLASSIFIED', message: 'Arrived at sorting center', occurredAt: '2026-11-02T06:10:00+08:00' });
  });

  it('keeps the real UPS scans 17TRACK sent with neither stage nor sub_status ("Arrived at Facility", "Origin Scan")', () => {
    const result = adaptSeventeenTrack(realPayload('1Z2617V10397725789').body(), context);
    expect(result.rejected).toEqual([]);
    expect(result.events.filter(({ event }) => event.code === 'UNCLASSIFIED').map(({ event }) => [event.message, event.milestone ?? null])).toEqual([
      ['Arrived at Facility', null],
      ['Origin Scan', null],
    ]);
  });

  it('reads an AfterShip checkpoint that has a tag and no subtag by its tag (the real 2014 UPS trackings)', () => {
    const table = milestones('aftership', realPayload('1ZA2207X0444990982').body());
    expect(table[0]).toEqual(['InfoReceived', 'INFO_RECEIVED']);
    expect(table.slice(-2)).toEqual([
      ['OutForDelivery', 'OUT_FOR_DELIVERY'],
      ['Delivered', 'DELIVERED'],
    ]);
    expect(milestones('aftership', realPayload('1ZA2207X6794165804').body())[20]).toEqual(['Exception', 'EXCEPTION']);
  });

  it('keeps a Cainiao detail without an actionCode as UNCLASSIFIED', () => {
    const body = cainiao();
    (body.module[0].detailList as Record<string, unknown>[])[3].actionCode = '';
    expect(adaptCainiao(body, context).events[3].event).toMatchObject({ code: 'UNCLASSIFIED', message: 'Arrived at customs' });
  });
});

describe('Countries come as names too', () => {
  it('resolves Cainiao "Mainland China" and "Israel" into the shipment origin and destination', () => {
    const result = adaptCainiao(cainiao(), context);
    expect(result.events[0].event.shipment).toEqual({ origin: 'CN', destination: 'IL' });
    expect(result.warnings.some((warning) => /country/.test(warning.errors.join()))).toBe(false);
  });

  it.each([
    ['Hong Kong, China', 'HK'],
    ['Korea, Republic of', 'KR'],
    ['Russian Federation', 'RU'],
    ['Belgium', 'BE'],
    ['Taiwan, China', 'TW'],
  ])('resolves %s to %s', (name, code) => {
    const body = cainiao();
    body.module[0].destCountry = name;
    expect(adaptCainiao(body, context).events[0].event.shipment?.destination).toBe(code);
  });

  it('reads an event country given by name (17TRACK address, AfterShip country_name)', () => {
    const body = seventeen();
    body.data.track_info.tracking.providers[0].events[0].address.country = 'Brazil';
    expect(adaptSeventeenTrack(body, context).events[0].event.location?.country).toBe('BR');
    const checkpoints = afterShip();
    checkpoints.msg.checkpoints = [{ ...checkpoints.msg.checkpoints[5], country_iso3: null, country_name: 'United States' }];
    expect(adaptAfterShip(checkpoints, context).events[0].event.location?.country).toBe('US');
  });

  it('leaves an unresolvable name empty with a warning, never rejecting the event', () => {
    const body = cainiao();
    body.module[0].destCountry = 'Atlantis';
    const result = adaptCainiao(body, context);
    expect(result.rejected).toEqual([]);
    expect(result.events).toHaveLength(14);
    expect(result.events[0].event.shipment).toEqual({ origin: 'CN' });
    expect(result.warnings).toContainEqual({
      kind: 'unresolved_country',
      path: 'module[0].destCountry',
      errors: ["destination country 'Atlantis' is not a country code or a country name we know; the event is kept without it"],
    });
  });
});

describe('Direction without a country', () => {
  const checkpoint = (subtag: string, time: string, message: string) => ({ subtag, tag: subtag.split('_')[0], checkpoint_time: time, message, country_iso3: null, country_name: null });
  const tracking = (checkpoints: unknown[]) => ({ event: 'tracking_update', msg: { tracking_number: 'RLJ06333216', origin_country_iso3: 'CHN', destination_country_iso3: 'FRA', checkpoints }, ts: 0 });

  it('follows the offset when it fits the zones of only one end', () => {
    const events = adaptAfterShip(tracking([checkpoint('InTransit_006', '2026-03-02T10:00:00+01:00', 'Customs')]), context).events;
    expect(events[0].event.milestone).toBe('IMPORT_CUSTOMS_STARTED');
  });

  it('follows the words when they name a side', () => {
    const events = adaptAfterShip(tracking([checkpoint('InTransit_003', '2026-03-02T10:00:00Z', 'Arrived at destination sort facility')]), context).events;
    expect(events[0].event.milestone).toBe('DESTINATION_FACILITY');
  });

  it('otherwise follows the journey order: origin before an arrival in the destination country, destination after', () => {
    const events = adaptAfterShip(
      tracking([
        checkpoint('InTransit_003', '2026-03-01T10:00:00Z', 'Arrival scan'),
        checkpoint('InTransit_006', '2026-03-01T12:00:00Z', 'Customs clearance started'),
        checkpoint('InTransit_004', '2026-03-02T10:00:00Z', 'Arrived'),
        checkpoint('InTransit_006', '2026-03-02T12:00:00Z', 'Customs clearance started'),
        checkpoint('InTransit_003', '2026-03-03T10:00:00Z', 'Arrival scan'),
      ]),
      context,
    ).events;
    expect(events.map(({ event }) => event.milestone ?? AFTERSHIP_CODE_MAP[event.code ?? ''])).toEqual([
      'ORIGIN_FACILITY',
      'EXPORT_CUSTOMS_STARTED',
      'ARRIVED_DESTINATION',
      'IMPORT_CUSTOMS_STARTED',
      'DESTINATION_FACILITY',
    ]);
  });

  it('does not read a display zone as the place: Cainiao writes a Belgian parcel at GMT+08:00, its delivery included', () => {
    const body = realPayload('RC000000001EE').body() as { module: { detailList: { actionCode: string; timeZone: string }[] }[] };
    // "Shipment on the way" a week after the arrival in Belgium: journey order, not the +08:00, decides.
    expect(milestones('cainiao', body)[3]).toEqual(['COMMON_INTRANSIT', 'DESTINATION_FACILITY']);
    // Once the last-mile scans carry Belgium's own offset, the offsets are local and +08:00 means China.
    for (const detail of body.module[0].detailList) if (detail.actionCode.startsWith('GTMS_')) detail.timeZone = 'GMT+1';
    expect(milestones('cainiao', body)[3]).toEqual(['COMMON_INTRANSIT', 'ORIGIN_FACILITY']);
  });

  it('makes a facility scan in a third country a transit hub (UPS India-United States via Cologne and Hong Kong)', () => {
    const viaCologne = milestones('aftership', realPayload('1ZA2207X0444990982').body());
    expect(viaCologne.slice(5, 10)).toEqual([
      ['InTransit', 'ORIGIN_FACILITY'],
      ['InTransit', 'TRANSIT_HUB'],
      ['InTransit', 'TRANSIT_HUB'],
      ['InTransit', 'TRANSIT_HUB'],
      ['InTransit', 'DESTINATION_FACILITY'],
    ]);
    expect(milestones('aftership', realPayload('1ZA2207X0490715335').body())[3]).toEqual(['InTransit', 'TRANSIT_HUB']);
  });

  it('decides the real China-Russia AfterShip tracking, whose 14 checkpoints name no country', () => {
    const [payload] = AFTERSHIP_REAL_CORPUS;
    const milestones = adaptAfterShip(payload.body(), context).events.map(({ event }) => event.milestone ?? AFTERSHIP_CODE_MAP[event.code ?? ''] ?? null);
    expect(milestones).toEqual(payload.events.map(([, milestone]) => milestone));
  });
});

describe('Domestic shipments', () => {
  const domestic = () => {
    const body = easyPost();
    body.result.carrier_detail.origin_tracking_location.country = 'US';
    body.result.tracking_details = body.result.tracking_details.map((detail: { tracking_location: { country: string | null } }) => ({
      ...detail,
      tracking_location: { ...detail.tracking_location, country: 'US' },
    }));
    return body;
  };

  it('turns held/awaiting_information on a US-US parcel into an EXCEPTION, not a customs hold', () => {
    const body = domestic();
    body.result.tracking_details = [{ ...body.result.tracking_details[4], status_detail: 'awaiting_information', message: 'Awaiting delivery information from recipient' }];
    expect(adaptEasyPost(body, context).events[0].event.milestone).toBe('EXCEPTION');
  });

  it('makes no customs milestone of a direction-dependent customs code', () => {
    const body = afterShip();
    body.msg.origin_country_iso3 = 'USA';
    body.msg.checkpoints = [{ ...body.msg.checkpoints[6], checkpoint_time: '2026-11-04T15:05:00-05:00' }];
    const [adapted] = adaptAfterShip(body, context).events;
    expect(adapted.event.milestone).toBeUndefined();
    expect(adapted.event.code).toBe('InTransit_005');
  });

  it('keeps origin facility scans on the origin side', () => {
    const body = domestic();
    const events = adaptEasyPost(body, context).events;
    expect(events[1].event.milestone).toBe('ORIGIN_FACILITY');
  });

  it('reads an acceptance scan after the parcel already moved as a facility scan, not a second ACCEPTED', () => {
    const body = domestic();
    body.result.tracking_details.splice(7, 0, { ...body.result.tracking_details[6], status: 'in_transit', status_detail: 'received_at_origin_facility', datetime: '2026-11-07T09:00:00Z' });
    const events = adaptEasyPost(body, context).events;
    expect(events[7].event).toMatchObject({ code: 'received_at_origin_facility', milestone: 'DESTINATION_FACILITY' });
  });
});

describe('Hand-overs hide in more than one place', () => {
  it('hands GTMS_ACCEPT over to the top-level realMailNo when no copyRealMailNo names the next leg', () => {
    const body = cainiao();
    body.module[0].realMailNo = 'Latest Tracking Number:\tRR123456785IL';
    body.module[0].destCpInfo = { cpName: 'Correios' };
    const accept = adaptCainiao(body, context).events[1];
    expect(accept.event).toMatchObject({ code: 'GTMS_ACCEPT', milestone: 'HANDED_OVER', handover: { carrier: 'correios', trackingNumber: 'RR123456785IL' } });
  });

  it('makes the hand-over from realMailNo at the customs release when no entry is a hand-over', () => {
    const body = cainiao();
    body.module[0].detailList = (body.module[0].detailList as { actionCode: string }[]).filter((detail) => detail.actionCode !== 'GTMS_ACCEPT');
    body.module[0].realMailNo = 'Latest Tracking Number:\tRR123456785IL';
    body.module[0].destCpInfo = { cpName: 'Correios' };
    const result = adaptCainiao(body, context);
    const handover = result.events.find(({ event }) => event.milestone === 'HANDED_OVER');
    expect(handover?.event).toMatchObject({ code: 'HANDOVER_REAL_MAIL_NO', occurredAt: '2023-09-28T01:46:53Z', handover: { carrier: 'correios', trackingNumber: 'RR123456785IL' } });
    expect(handover?.path).toBe('module[0].realMailNo');
  });

  it('makes the hand-over named only by the realMailNo of the real Ukrainian parcel, and links it once the carrier is named', () => {
    const body = realPayload('RC000000002EE').body() as { module: Record<string, unknown>[] };
    const result = adaptCainiao(body, context);
    const handover = result.events.find(({ event }) => event.milestone === 'HANDED_OVER');
    expect(handover?.event).toMatchObject({ code: 'HANDOVER_REAL_MAIL_NO', occurredAt: '2026-08-23T08:18:40+02:00' });
    expect(handover?.event.handover).toBeUndefined();
    expect(result.warnings.map((warning) => warning.errors[0])).toEqual([
      "destCpInfo.cpName is missing: the carrier of the next leg 'RC000000003EE' is unknown, the hand-over is kept without its handover",
    ]);
    body.module[0].destCpInfo = { cpName: 'Correios' };
    expect(adaptCainiao(body, context).events.find(({ event }) => event.milestone === 'HANDED_OVER')?.event.handover).toEqual({ carrier: 'correios', trackingNumber: 'RC000000003EE' });
  });
});

describe('Times without an offset', () => {
  it("reads a real 2014 AfterShip checkpoint_time without offset in its country's main zone", () => {
    const events = adaptAfterShip(realPayload('1ZA2207X0490715335').body(), context).events.map(({ event }) => [event.location?.country, event.occurredAt]);
    expect(events.slice(0, 5)).toEqual([
      ['IN', '2014-11-11T19:12:00+05:30'],
      ['IN', '2014-11-11T20:21:57+05:30'],
      ['IN', '2014-11-11T21:19:00+05:30'],
      ['HK', '2014-11-12T09:24:00+08:00'],
      ['US', '2014-11-12T13:18:00-05:00'],
    ]);
  });
});

describe('Dates without times', () => {
  it('ends an EasyPost est_delivery_date (midnight UTC) at the end of that day in the destination zone, daylight saving included', () => {
    const body = easyPost();
    body.result.est_delivery_date = '2026-07-09T00:00:00Z';
    expect(adaptEasyPost(body, context).estimates[0].carrierEstimate).toBe('2026-07-09T23:59:59-04:00');
  });

  it('ends a date-only 17TRACK estimate in the destination zone', () => {
    const body = seventeen();
    body.data.track_info.time_metrics.estimated_delivery_date.to = '2026-11-14';
    expect(adaptSeventeenTrack(body, context).estimates[0].carrierEstimate).toBe('2026-11-14T23:59:59-03:00');
  });

  it('rejects a date-only checkpoint_time with a clear error instead of reading "-dd" as an offset', () => {
    const body = afterShip();
    body.msg.checkpoints = [{ ...body.msg.checkpoints[2], checkpoint_time: '2026-11-02' }];
    expect(adaptAfterShip(body, context).rejected).toEqual([
      { path: 'msg.checkpoints[0]', errors: ["msg.checkpoints[0]: checkpoint_time '2026-11-02' is a date without a time of day; an event needs the time it happened"] },
    ]);
  });
});

describe('Built-in maps cover the codes real payloads carry', () => {
  it('maps every code of the real corpus, except the scans without a code and the administrative note it documents as unmapped', () => {
    const unmapped = [...AFTERSHIP_REAL_CORPUS, ...SEVENTEEN_TRACK_REAL_CORPUS, ...CAINIAO_REAL_CORPUS, ...EASYPOST_REAL_CORPUS].flatMap((payload) =>
      FORMAT_DEFINITIONS[payload.format]
        .adapt(payload.body(), context)
        .events.filter(({ event }) => !event.milestone && !FORMAT_DEFINITIONS[payload.format].codeMap[event.code ?? ''])
        .map(({ event }) => `${payload.format}:${event.code}`),
    );
    expect([...new Set(unmapped)]).toEqual(['17track:UNCLASSIFIED', 'cainiao:TRANSIT_PORT_REROUTE_CALLBACK']);
  });

  it('names a source for every Cainiao map entry', () => {
    const source = fixture('cainiao/cainiao.code-map.ts');
    for (const code of Object.keys(CAINIAO_CODE_MAP)) expect(source).toMatch(new RegExp(`  ${code}: '[A-Z_]+', // \\[`));
  });
});

describe('EasyPost and 17TRACK mapping rules as updated', () => {
  it('lets a decisive delivered status win over a non-terminal arrived_at_destination detail', () => {
    const body = easyPost();
    body.result.tracking_details = [{ ...body.result.tracking_details[8], status: 'delivered', status_detail: 'arrived_at_destination', message: 'Delivered' }];
    expect(adaptEasyPost(body, context).events[0].event).toMatchObject({ code: 'arrived_at_destination', milestone: 'DELIVERED' });
  });

  it('reads a failure that says the delivery was attempted as DELIVERY_FAILED, another failure as EXCEPTION', () => {
    const body = easyPost();
    body.result.tracking_details = [
      { ...body.result.tracking_details[7], status: 'failure', status_detail: 'status_update', message: 'Customer not available' },
      { ...body.result.tracking_details[7], status: 'failure', status_detail: 'status_update', message: 'Package damaged' },
    ];
    expect(table(adaptEasyPost(body, context), EASYPOST_CODE_MAP).map(([, milestone]) => milestone)).toEqual(['DELIVERY_FAILED', 'EXCEPTION']);
  });

  it('maps 17TRACK events that carry only a stage', () => {
    const body = seventeen();
    const events = body.data.track_info.tracking.providers[0].events;
    events[0].sub_status = null;
    events[1].sub_status = null;
    events[1].stage = 'OutForDelivery';
    events[2].sub_status = null;
    events[2].stage = 'AvailableForPickup';
    expect(table(adaptSeventeenTrack(body, context), SEVENTEEN_TRACK_CODE_MAP).slice(0, 3).map(([code, milestone]) => [code, milestone])).toEqual([
      ['Delivered', 'DELIVERED'],
      ['OutForDelivery', 'OUT_FOR_DELIVERY'],
      ['AvailableForPickup', 'AVAILABLE_FOR_PICKUP'],
    ]);
  });
});
