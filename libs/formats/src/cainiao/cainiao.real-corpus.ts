import type { CorpusPayload } from '../testing/real-corpus.types';
import { readJson } from '../testing/real-corpus.types';

/*
 * Real Cainiao global tracking details (global.cainiao.com/global/detail.json) recorded by an
 * open-source parcel tracker; sources in fixtures/real/SOURCES.md. The detail is already the body
 * the endpoint takes: the golden file holds it base64-encoded in ResponseBody, the other file is it.
 * Times are epoch ms written at each entry's timeZone ("GMT+8", "GMT+0800", "" = UTC).
 *
 * Read by hand: CC_IM_START is listed before the parcel even left China (electronic pre-clearance)
 * and is still IMPORT_CUSTOMS_STARTED as formats.md maps it; GTMS_ACCEPT ("Received by local delivery
 * company") is the hand-over, but neither payload names the next leg's number, so it has no handover;
 * TRANSIT_PORT_REROUTE_CALLBACK ("Carrier update: preMainCode:SINOA00241668IL") is an administrative
 * note with no physical meaning and stays unmapped; WMS_CONFIRMED ("包裹已出库", left the warehouse)
 * is the same fact as GWMS_OUTBOUND.
 */
export const CAINIAO_REAL_CORPUS: CorpusPayload[] = [
  {
    format: 'cainiao',
    name: 'RS0814398526Y',
    file: 'cainiao/fixtures/real/RS0814398526Y.golden',
    body: () => JSON.parse(Buffer.from((readJson('cainiao/fixtures/real/RS0814398526Y.golden') as { ResponseBody: string }).ResponseBody, 'base64').toString('utf8')),
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
];
