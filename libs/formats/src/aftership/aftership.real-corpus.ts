import type { CorpusPayload } from '../testing/real-corpus.types';
import { readJson } from '../testing/real-corpus.types';

/*
 * A real AfterShip tracking (GET /v4/trackings answer for a Cainiao parcel, China to Russia) quoted
 * in a public repository; source in fixtures/real/SOURCES.md. An API answer `{meta, data: {tracking}}`
 * is wrapped as the webhook `{"event": "tracking_update", "msg": <tracking>, "ts": 0}`.
 *
 * Read by hand: no checkpoint names a country, so direction comes from each checkpoint's offset
 * (+08:00 fits China and Russia's Irkutsk zone alike, +03:00 fits only Russia) and the journey order.
 * The first InTransit_002 ("order received") is the acceptance; the second (Cainiao's pickup, after
 * the warehouse had already packed and dispatched the parcel) is a facility scan. InTransit_005 on
 * the import side is, as AfterShip tags it, a customs release.
 */
export const AFTERSHIP_REAL_CORPUS: CorpusPayload[] = [
  {
    format: 'aftership',
    name: 'RLJ06333216',
    file: 'aftership/fixtures/real/RLJ06333216.json',
    body: () => ({ event: 'tracking_update', msg: (readJson('aftership/fixtures/real/RLJ06333216.json') as { data: { tracking: unknown } }).data.tracking, ts: 0 }),
    trackingNumber: 'RLJ06333216',
    shipment: { origin: 'CN', destination: 'RU' },
    events: [
      ['InTransit_007', 'ORIGIN_FACILITY', '2024-02-21T12:57:26+08:00'],
      ['InTransit_002', 'ACCEPTED', '2024-02-21T07:11:46+08:00'],
      ['InTransit_002', 'ORIGIN_FACILITY', '2024-02-21T18:29:23+08:00'],
      ['InTransit_001', 'ORIGIN_FACILITY', '2024-02-21T11:58:43+08:00'],
      ['InTransit_003', 'ORIGIN_FACILITY', '2024-02-21T21:05:11+08:00'],
      ['InTransit_007', 'ORIGIN_FACILITY', '2024-02-21T21:36:09+08:00'],
      ['InTransit_003', 'ORIGIN_FACILITY', '2024-02-23T05:16:33+08:00'],
      ['InTransit_006', 'EXPORT_CUSTOMS_STARTED', '2024-02-24T21:37:22+08:00'],
      ['InTransit_005', 'EXPORT_CUSTOMS_CLEARED', '2024-02-24T22:37:27+08:00'],
      ['InTransit_007', 'ORIGIN_FACILITY', '2024-02-25T20:00:00+08:00'],
      ['InTransit_007', 'ORIGIN_FACILITY', '2024-02-26T13:32:00+08:00'],
      ['InTransit_003', 'DESTINATION_FACILITY', '2024-02-26T16:41:00+03:00'],
      ['InTransit_003', 'DESTINATION_FACILITY', '2024-02-27T18:18:14+03:00'],
      ['InTransit_005', 'IMPORT_CUSTOMS_RELEASED', '2024-02-28T00:11:46+03:00'],
    ],
  },
];
