import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LanewatchApp } from './support/lanewatch-app';

// issue 14 over HTTP: a real Cainiao tracking detail (dir01/parcels' recording, countries written as
// names: "Mainland China" to "Israel") posted to its endpoint with the carrier's key becomes a
// CN-IL shipment, and /kpis grouped by corridor shows that lane (its customs hold closes on
// 2023-09-28; the parcel was still in customs when recorded, so it has no transit figure).
const golden = JSON.parse(readFileSync(join(__dirname, '..', 'libs/formats/src/cainiao/fixtures/real/RS0814398526Y.golden'), 'utf8')) as { ResponseBody: string };
const realDetail = Buffer.from(golden.ResponseBody, 'base64').toString('utf8');

describe('a real Cainiao payload with country names', () => {
  let app: LanewatchApp;
  let key: string;

  beforeAll(async () => {
    app = await LanewatchApp.start();
    key = (await app.createCarrier('cainiao', 'platform')).apiKey;
  });
  afterAll(() => app?.stop());

  it('is stored through POST /api/v1/webhooks/cainiao/{carrier} with the names resolved to the CN-IL lane', async () => {
    const response = await app.request('POST', '/api/v1/webhooks/cainiao/cainiao', { token: key, rawBody: realDetail });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ accepted: 14, rejected: [] });
    // GTMS_ACCEPT names no next-leg number in this payload: kept, with a warning saying so.
    expect(response.body.warnings).toEqual([
      { kind: 'other', path: 'module[0].detailList[1]', errors: ['copyRealMailNo and realMailNo are missing: the next leg is unknown, the hand-over is kept without it'] },
    ]);
    await app.waitForIdle();

    const journey = (await app.request('GET', '/api/v1/shipments/cainiao/RS0814398526Y')).body;
    expect(journey.shipment).toMatchObject({ origin: 'CN', destination: 'IL' });
    const milestones = (journey.events as { code: string; milestone: string | null }[]).map((event) => [event.code, event.milestone]);
    expect(milestones).toContainEqual(['LH_HO_IN_SUCCESS', 'ORIGIN_FACILITY']);
    expect(milestones).toContainEqual(['CC_IM_SUCCESS', 'IMPORT_CUSTOMS_RELEASED']);
    expect(milestones.every(([, milestone]) => milestone !== null)).toBe(true);
  });

  it('shows its lane in /api/v1/kpis?groupBy=corridor', async () => {
    const query = new URLSearchParams({ from: '2023-09-01T00:00:00Z', to: '2023-10-01T00:00:00Z', groupBy: 'corridor' });
    const response = await app.request('GET', `/api/v1/kpis?${query}`);
    expect(response.status).toBe(200);
    const rows = response.body.rows as { corridor: string | null; transit: unknown; customsHold: { count: number; meanHours: number } | null }[];
    expect(rows.map((row) => row.corridor)).toEqual(['CN-IL']);
    // Import customs from CC_IM_START (2023-09-22T09:51:16Z) to CC_IM_SUCCESS (2023-09-28T01:46:53Z).
    expect(rows[0].customsHold?.count).toBe(1);
    expect(rows[0].customsHold?.meanHours).toBeCloseTo(135.93, 1);
    expect(rows[0].transit).toBeNull();
  });
});
