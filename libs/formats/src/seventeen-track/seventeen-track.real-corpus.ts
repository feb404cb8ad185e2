import type { CorpusPayload } from '../testing/real-corpus.types';
import { fixture } from '../testing/fixture.util';
import { pythonLiteralToJson } from '../testing/python-literal.util';
import { readJson } from '../testing/real-corpus.types';

type Json = Record<string, Record<string, unknown>>;

/*
 * Real 17TRACK v2 TRACKING_UPDATED webhook bodies that projects pasted into their tests (sources in
 * fixtures/real/SOURCES.md); each is saved as the literal its file holds.
 *
 * - 1Z2617V10397725789 (UPS Ground, a US-US parcel) is a Python literal whose braces were displaced when
 *   it was pasted: `shipping_info` closes after `shipper_address` and `track_info` after
 *   `recipient_address`, leaving latest_status … tracking under `data`. The spec puts them back where
 *   17TRACK's v2 body has them (recipient_address into shipping_info, the rest into track_info); no
 *   value is changed. Its scans "Arrived at Facility" and "Origin Scan" carry neither stage nor
 *   sub_status: they are kept as UNCLASSIFIED (formats.md, "Never drop a real scan").
 * - The DHL Paket body (number redacted to 1234567890 by the project) is one event with only a stage,
 *   AvailableForPickup, at a retail outlet; its +01:00 in September is DHL's, kept as sent.
 */
function renested(literal: Json): Json {
  const { data } = literal;
  const { track_info: trackInfo, ...rest } = data as { track_info: Json } & Record<string, unknown>;
  const { shipping_info: shipping, recipient_address: recipient } = trackInfo as Record<string, Record<string, unknown>>;
  const moved = ['latest_status', 'latest_event', 'time_metrics', 'milestone', 'misc_info', 'tracking'];
  const outside = Object.fromEntries(Object.entries(rest).filter(([key]) => !moved.includes(key)));
  const inside = Object.fromEntries(moved.map((key) => [key, rest[key]]));
  return { ...literal, data: { ...outside, track_info: { shipping_info: { ...shipping, recipient_address: recipient }, ...inside } } };
}

export const SEVENTEEN_TRACK_REAL_CORPUS: CorpusPayload[] = [
  {
    format: '17track',
    name: '1Z2617V10397725789',
    file: 'seventeen-track/fixtures/real/ups-1Z2617V10397725789.py-literal.txt',
    body: () => renested(pythonLiteralToJson(fixture('seventeen-track/fixtures/real/ups-1Z2617V10397725789.py-literal.txt')) as Json),
    trackingNumber: '1Z2617V10397725789',
    shipment: { origin: 'US', destination: 'US' },
    events: [
      ['Delivered', 'DELIVERED', '2022-04-04T16:35:22-07:00', { city: 'GASQUET', country: 'US', facility: 'GASQUET, CA, US' }],
      ['OutForDelivery', 'OUT_FOR_DELIVERY', '2022-04-04T08:46:06-07:00', { city: 'Crescent City', country: 'US', facility: 'Crescent City, CA, US' }],
      ['UNCLASSIFIED', null, '2022-04-02T02:15:00-07:00', { city: 'Anderson', country: 'US', facility: 'Anderson, CA, US' }],
      ['UNCLASSIFIED', null, '2022-03-31T16:36:47-07:00', { city: 'Ontario', country: 'US', facility: 'Ontario, CA, US' }],
      ['InfoReceived', 'INFO_RECEIVED', '2022-03-28T22:43:08-07:00', { country: 'US', facility: 'US' }],
    ],
  },
  {
    format: '17track',
    name: '1234567890 (DHL Paket)',
    file: 'seventeen-track/fixtures/real/dhl-paket-cypress-prd.json',
    body: () => readJson('seventeen-track/fixtures/real/dhl-paket-cypress-prd.json'),
    trackingNumber: '1234567890',
    shipment: { origin: 'DE', destination: 'DE' },
    events: [['AvailableForPickup', 'AVAILABLE_FOR_PICKUP', '2022-09-14T08:47:00+01:00', { facility: 'Germany' }]],
  },
];
