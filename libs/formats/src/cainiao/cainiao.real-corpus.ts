import type { CorpusPayload } from '../testing/real-corpus.types';
import { readJson } from '../testing/real-corpus.types';
import { fixture } from '../testing/fixture.util';
import { pythonLiteralToJson } from '../testing/python-literal.util';

/*
 * Real Cainiao global tracking details (global.cainiao.com/global/detail.json); sources in
 * fixtures/real/SOURCES.md. A detail is already the body the endpoint takes: the golden files hold it
 * base64-encoded in ResponseBody, the .json files are it, and the ha-cainiao file holds two redacted
 * module entries as Python literals, which the spec reads as JSON and wraps as `{"module": [<entry>]}`.
 * Times are epoch ms written at each entry's timeZone ("GMT+8", "GMT+0800", "GMT+0", "" = UTC); the
 * entries' timeStr is Beijing time whatever their timeZone says, so the instant is read from `time`.
 *
 * Read by hand: CC_IM_START is listed before the parcel even left China (electronic pre-clearance)
 * and is still IMPORT_CUSTOMS_STARTED as formats.md maps it; GTMS_ACCEPT ("Received by local delivery
 * company") is the hand-over, but neither Israeli payload names the next leg's number, so it has no
 * handover; TRANSIT_PORT_REROUTE_CALLBACK ("Carrier update: preMainCode:SINOA00241668IL") is an
 * administrative note with no physical meaning and stays unmapped; WMS_CONFIRMED ("包裹已出库", left the
 * warehouse) is the same fact as GWMS_OUTBOUND.
 * RC000000001EE (to Belgium) writes every entry at GMT+08:00, the delivery in Belgium included: those
 * offsets are Cainiao's display zone, not where the scans happened, so "Shipment on the way" a week
 * after the arrival is a destination facility scan (journey order), and the departure scan the evening
 * of the pickup an origin one. RC000000002EE (to Ukraine) names the next leg only at the top level
 * (realMailNo) and names no carrier for it: the hand-over is made at the release from customs and kept
 * without its handover (the carrier is unknown, a warning says so). LH_POST_COLLECTION ("Accepted for
 * transportation by postal service", GMT+3) happened in Ukraine: the arrival in the destination country.
 * UZ0556033196Y was recorded while it awaited the seller's dispatch: no entries, so no events.
 */
const moduleEntry = (name: 'real_delivered_sample' | 'real_active_sample') => () => {
  const source = fixture('cainiao/fixtures/real/ha-cainiao-payloads-real-samples.py.txt');
  const start = source.indexOf('    return {', source.indexOf(`def ${name}()`));
  const end = source.indexOf('\n    }\n', start) + '\n    }'.length;
  return { module: [pythonLiteralToJson(source.slice(start + '    return '.length, end))] };
};
const golden = (file: string) => () => JSON.parse(Buffer.from((readJson(file) as { ResponseBody: string }).ResponseBody, 'base64').toString('utf8'));

export const CAINIAO_REAL_CORPUS: CorpusPayload[] = [
  {
    format: 'cainiao',
    name: 'RS0814398526Y',
    file: 'cainiao/fixtures/real/RS0814398526Y.golden',
    body: golden('cainiao/fixtures/real/RS0814398526Y.golden'),
    trackingNumber: 'RS0814398526Y',
    shipment: { origin: 'CN', destination: 'IL' },
    events: [
      ['CC_IM_SUCCESS', 'IMPORT_CUSTOMS_RELEASED', '2023-09-28T01:46:53Z'],
      ['GTMS_ACCEPT', 'HANDED_OVER', '2023-09-28T04:46:53+03:00'],
      ['CC_HO_OUT_SUCCESS', 'IMPORT_CUSTOMS_RELEASED', '2023-09-28T01:46:53Z'],
      ['CC_HO_IN_SUCCESS', 'IMPORT_CUSTOMS_STARTED', '2023-09-27T08:40:01Z'],
      ['LH_ARRIVE', 'ARRIVED_DESTINATION', '2023-09-26T04:13:00+02:00'],
      ['LH_DEPART', 'DEPARTED_ORIGIN', '2023-09-26T01:24:00+08:00'],
      ['CC_EX_SUCCESS', 'EXPORT_CUSTOMS_CLEARED', '2023-09-25T11:08:00+08:00'],
      ['CC_EX_START', 'EXPORT_CUSTOMS_STARTED', '2023-09-25T08:41:00+08:00'],
      ['LH_HO_AIRLINE', 'HANDED_TO_LINEHAUL', '2023-09-25T08:00:00+08:00'],
      ['LH_HO_IN_SUCCESS', 'ORIGIN_FACILITY', '2023-09-23T13:29:38+08:00'],
      ['SC_OUTBOUND_SUCCESS', 'ORIGIN_FACILITY', '2023-09-22T22:50:49+08:00'],
      ['SC_INBOUND_SUCCESS', 'ORIGIN_FACILITY', '2023-09-22T20:34:56+08:00'],
      ['CC_IM_START', 'IMPORT_CUSTOMS_STARTED', '2023-09-22T09:51:16Z'],
      ['PU_PICKUP_SUCCESS', 'ACCEPTED', '2023-09-22T15:55:02+08:00'],
    ],
    warnings: [{ kind: 'other', path: 'module[0].detailList[1]', errors: ['copyRealMailNo and realMailNo are missing: the next leg is unknown, the hand-over is kept without it'] }],
  },
  {
    format: 'cainiao',
    name: 'AE010698498',
    file: 'cainiao/fixtures/real/AE010698498.json',
    body: () => readJson('cainiao/fixtures/real/AE010698498.json'),
    trackingNumber: 'AE010698498',
    shipment: { origin: 'CN', destination: 'IL' },
    events: [
      ['CC_IM_SUCCESS', 'IMPORT_CUSTOMS_RELEASED', '2023-01-29T00:31:00Z'],
      ['CC_HO_OUT_SUCCESS', 'IMPORT_CUSTOMS_RELEASED', '2023-01-29T00:31:00Z'],
      ['CC_HO_IN_SUCCESS', 'IMPORT_CUSTOMS_STARTED', '2023-01-28T21:00:00Z'],
      ['CUSTOMS_ARRIVED_IN_AREA_CALLBACK', 'IMPORT_CUSTOMS_STARTED', '2023-01-28T21:00:00Z'],
      ['LH_ARRIVE', 'ARRIVED_DESTINATION', '2023-01-27T07:23:00+02:00'],
      ['LH_DEPART', 'DEPARTED_ORIGIN', '2023-01-26T23:18:00+08:00'],
      ['CC_IM_START', 'IMPORT_CUSTOMS_STARTED', '2023-01-26T01:47:00Z'],
      ['LH_HO_AIRLINE', 'HANDED_TO_LINEHAUL', '2023-01-26T08:00:00+08:00'],
      ['CC_EX_SUCCESS', 'EXPORT_CUSTOMS_CLEARED', '2023-01-25T14:55:42+08:00'],
      ['CC_EX_START', 'EXPORT_CUSTOMS_STARTED', '2023-01-25T14:35:19+08:00'],
      ['TRANSIT_PORT_REROUTE_CALLBACK', null, '2023-01-25T11:50:38.471+08:00'],
      ['LH_HO_IN_SUCCESS', 'ORIGIN_FACILITY', '2023-01-25T08:25:15+08:00'],
      ['SC_OUTBOUND_SUCCESS', 'ORIGIN_FACILITY', '2023-01-24T20:54:35+08:00'],
      ['PU_PICKUP_SUCCESS', 'ACCEPTED', '2023-01-24T20:20:21+08:00'],
      ['SC_INBOUND_SUCCESS', 'ORIGIN_FACILITY', '2023-01-24T20:20:21+08:00'],
      ['WMS_CONFIRMED', 'ACCEPTED', '2023-01-24T03:30:03.862Z'],
      ['GWMS_OUTBOUND', 'ACCEPTED', '2023-01-24T11:30:03+08:00'],
      ['GWMS_PACKAGE', 'INFO_RECEIVED', '2023-01-24T03:26:28.216Z'],
      ['GWMS_ACCEPT', 'INFO_RECEIVED', '2023-01-24T01:59:33.895+08:00'],
    ],
  },
  {
    format: 'cainiao',
    name: 'AE010698498 (earlier)',
    file: 'cainiao/fixtures/real/AE010698498-2023-01-28.json',
    body: () => readJson('cainiao/fixtures/real/AE010698498-2023-01-28.json'),
    trackingNumber: 'AE010698498',
    shipment: { origin: 'CN', destination: 'IL' },
    events: [
      ['LH_ARRIVE', 'ARRIVED_DESTINATION', '2023-01-27T07:23:00+02:00'],
      ['LH_DEPART', 'DEPARTED_ORIGIN', '2023-01-26T23:18:00+08:00'],
      ['CC_IM_START', 'IMPORT_CUSTOMS_STARTED', '2023-01-26T01:47:00Z'],
      ['LH_HO_AIRLINE', 'HANDED_TO_LINEHAUL', '2023-01-26T08:00:00+08:00'],
      ['CC_EX_SUCCESS', 'EXPORT_CUSTOMS_CLEARED', '2023-01-25T14:55:42+08:00'],
      ['CC_EX_START', 'EXPORT_CUSTOMS_STARTED', '2023-01-25T14:35:19+08:00'],
      ['TRANSIT_PORT_REROUTE_CALLBACK', null, '2023-01-25T11:50:38.471+08:00'],
      ['LH_HO_IN_SUCCESS', 'ORIGIN_FACILITY', '2023-01-25T08:25:15+08:00'],
      ['SC_OUTBOUND_SUCCESS', 'ORIGIN_FACILITY', '2023-01-24T20:54:35+08:00'],
      ['PU_PICKUP_SUCCESS', 'ACCEPTED', '2023-01-24T20:20:21+08:00'],
      ['SC_INBOUND_SUCCESS', 'ORIGIN_FACILITY', '2023-01-24T20:20:21+08:00'],
      ['WMS_CONFIRMED', 'ACCEPTED', '2023-01-24T03:30:03.862Z'],
      ['GWMS_OUTBOUND', 'ACCEPTED', '2023-01-24T11:30:03+08:00'],
      ['GWMS_PACKAGE', 'INFO_RECEIVED', '2023-01-24T03:26:28.216Z'],
      ['GWMS_ACCEPT', 'INFO_RECEIVED', '2023-01-24T01:59:33.895+08:00'],
    ],
  },
  {
    format: 'cainiao',
    name: 'RC000000001EE',
    file: 'cainiao/fixtures/real/ha-cainiao-payloads-real-samples.py.txt',
    body: moduleEntry('real_delivered_sample'),
    trackingNumber: 'RC000000001EE',
    shipment: { origin: 'CN', destination: 'BE' },
    events: [
      ['GTMS_SIGNED', 'DELIVERED', '2026-02-06T15:25:17+08:00'],
      ['GTMS_DO_DEPART', 'OUT_FOR_DELIVERY', '2026-02-06T07:52:42+08:00'],
      ['CC_IM_SUCCESS', 'IMPORT_CUSTOMS_RELEASED', '2026-02-04T17:32:25+08:00'],
      ['COMMON_INTRANSIT', 'DESTINATION_FACILITY', '2026-02-02T14:23:08+08:00'],
      ['LH_ARRIVE', 'ARRIVED_DESTINATION', '2026-01-26T14:53:04+08:00'],
      ['GTMS_OE_DEPART', 'ORIGIN_FACILITY', '2025-12-08T22:44:22+08:00'],
      ['PU_PICKUP_SUCCESS', 'ACCEPTED', '2025-12-08T22:29:00+08:00'],
    ],
  },
  {
    format: 'cainiao',
    name: 'RC000000002EE',
    file: 'cainiao/fixtures/real/ha-cainiao-payloads-real-samples.py.txt',
    body: moduleEntry('real_active_sample'),
    trackingNumber: 'RC000000002EE',
    shipment: { origin: 'CN', destination: 'UA' },
    events: [
      ['CC_HO_OUT_SUCCESS', 'IMPORT_CUSTOMS_RELEASED', '2026-08-23T08:18:40+02:00'],
      ['LH_POST_COLLECTION', 'ARRIVED_DESTINATION', '2026-08-22T15:03:00+03:00'],
      ['SC_OUTBOUND_SUCCESS', 'ORIGIN_FACILITY', '2026-07-03T02:55:17+08:00'],
      ['PU_PICKUP_SUCCESS', 'ACCEPTED', '2026-07-02T00:16:31+08:00'],
      ['HANDOVER_REAL_MAIL_NO', 'HANDED_OVER', '2026-08-23T08:18:40+02:00'],
    ],
    warnings: [
      { kind: 'unknown_handover_carrier', path: 'module[0].realMailNo', errors: ["destCpInfo.cpName is missing: the carrier of the next leg 'RC000000003EE' is unknown, the hand-over is kept without its handover"] },
    ],
  },
  {
    format: 'cainiao',
    name: 'UZ0556033196Y',
    file: 'cainiao/fixtures/real/UZ0556033196Y.golden',
    body: golden('cainiao/fixtures/real/UZ0556033196Y.golden'),
    trackingNumber: 'UZ0556033196Y',
    events: [],
  },
];
