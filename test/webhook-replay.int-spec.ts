import { signAfterShip, signEasyPost, signSeventeenTrack } from '@lanewatch/formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LanewatchApp } from './support/lanewatch-app';

// events.md §9: a replayed webhook delivery is recognised whatever the spelling of its signature (the
// guard keys on the decoded digest); two identical deliveries at once are stored once; a delivery that
// failed to commit is not remembered, so the carrier's retry is stored.
const fixture = (path: string) => readFileSync(join(__dirname, '..', 'libs/formats/src', path), 'utf8');

describe('webhook replay guard', () => {
  let app: LanewatchApp;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    app = await LanewatchApp.start({ worker: false });
    for (const code of ['chinapost', 'dhlecommerce', 'correios', 'usps']) secrets[code] = (await app.createCarrier(code)).webhookSecret;
  });
  afterAll(() => app?.stop());

  const send = async (path: string, body: string, headers: Record<string, string>) => {
    const response = await fetch(`${app.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: JSON.parse(await response.text()) as Record<string, unknown> };
  };
  const batches = async () => Number((await app.sql<{ count: string }>(`SELECT count(*) AS count FROM ingest_batches WHERE kind = 'events'`))[0].count);

  // Distinct raw bytes (indentation) make distinct deliveries of the same content.
  const afterShipBody = (indent: number) => JSON.stringify({ ...JSON.parse(fixture('aftership/fixtures/tracking-update.json')), ts: Math.floor(Date.now() / 1000) }, null, indent);
  const seventeenTrackBody = (indent: number) => JSON.stringify(JSON.parse(fixture('seventeen-track/fixtures/tracking-updated.json')), null, indent);
  const easyPostBody = (indent: number) => JSON.stringify({ ...JSON.parse(fixture('easypost/fixtures/tracker-updated.json')), updated_at: new Date().toISOString() }, null, indent);

  const respellings = [
    {
      name: '17TRACK in upper-case hex',
      path: '/api/v1/webhooks/17track/chinapost',
      body: seventeenTrackBody(1),
      headers: (body: string) => [{ sign: signSeventeenTrack(body, secrets.chinapost) }, { sign: signSeventeenTrack(body, secrets.chinapost).toUpperCase() }],
    },
    {
      name: 'EasyPost in upper-case hex',
      path: '/api/v1/webhooks/easypost/dhlecommerce',
      body: easyPostBody(1),
      headers: (body: string) => {
        const signature = signEasyPost(body, secrets.dhlecommerce);
        return [{ 'x-hmac-signature': signature }, { 'x-hmac-signature': signature.replace(/=([0-9a-f]+)$/, (_match, hex: string) => `=${hex.toUpperCase()}`) }];
      },
    },
    {
      name: 'AfterShip in base64 without padding',
      path: '/api/v1/webhooks/aftership/chinapost',
      body: afterShipBody(1),
      headers: (body: string) => {
        const padded = signAfterShip(body, secrets.chinapost);
        return [{ 'aftership-hmac-sha256': padded }, { 'aftership-hmac-sha256': padded.replace(/=+$/, '') }];
      },
    },
  ];

  it.each(respellings)('a replay re-spelt as $name is answered replayed and stores nothing', async ({ path, body, headers }) => {
    const [original, ...respelt] = headers(body);
    const first = await send(path, body, original);
    expect(first.status).toBe(202);
    expect(first.body.batchId).toEqual(expect.any(String));
    const stored = await batches();
    for (const spelling of respelt) {
      const replay = await send(path, body, spelling);
      expect({ spelling, status: replay.status, body: replay.body }).toMatchObject({ spelling, status: 202, body: { batchId: null, accepted: 0, replayed: true } });
    }
    expect(await batches()).toBe(stored);
  });

  it('the URL-safe AfterShip spelling of a digest with + or / is the same delivery', async () => {
    // A digest holding + or / in base64 is what makes the URL-safe alphabet a different spelling.
    let indent = 2;
    let body = afterShipBody(indent);
    while (!/[+/]/.test(signAfterShip(body, secrets.correios))) body = afterShipBody((indent += 1));
    const padded = signAfterShip(body, secrets.correios);
    const urlSafe = padded.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect((await send('/api/v1/webhooks/aftership/correios', body, { 'aftership-hmac-sha256': padded })).status).toBe(202);
    const replay = await send('/api/v1/webhooks/aftership/correios', body, { 'aftership-hmac-sha256': urlSafe });
    expect(replay).toMatchObject({ status: 202, body: { batchId: null, replayed: true } });
  });

  it('six identical deliveries sent at the same moment store one batch; the others are replayed or told to retry', async () => {
    const body = seventeenTrackBody(3);
    const signature = signSeventeenTrack(body, secrets.usps);
    const before = await batches();
    const answers = await Promise.all(Array.from({ length: 6 }, () => send('/api/v1/webhooks/17track/usps', body, { sign: signature })));
    const storedBy = answers.filter((answer) => answer.status === 202 && typeof answer.body.batchId === 'string');
    expect(storedBy).toHaveLength(1);
    for (const answer of answers.filter((candidate) => !storedBy.includes(candidate))) {
      if (answer.status === 409) expect(answer).toMatchObject({ retryAfter: '5', body: { message: expect.stringMatching(/^an identical delivery is being stored right now/) } });
      else expect(answer).toMatchObject({ status: 202, body: { batchId: null, replayed: true } });
    }
    expect(await batches()).toBe(before + 1);
  });

  it('a delivery that failed to commit is not remembered: the same delivery sent again is stored', async () => {
    const body = seventeenTrackBody(4);
    const headers = { sign: signSeventeenTrack(body, secrets.chinapost) };
    // PostgreSQL refuses the inbox row, as it would while failing over: the request fails on our side.
    await app.sql(`CREATE FUNCTION lanewatch_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$`);
    await app.sql(`CREATE TRIGGER lanewatch_test_refuse BEFORE INSERT ON ingest_batches FOR EACH ROW EXECUTE FUNCTION lanewatch_test_refuse()`);
    const before = await batches();
    try {
      expect((await send('/api/v1/webhooks/17track/chinapost', body, headers)).status).toBe(500);
    } finally {
      await app.sql('DROP TRIGGER lanewatch_test_refuse ON ingest_batches');
      await app.sql('DROP FUNCTION lanewatch_test_refuse()');
    }
    expect(await batches()).toBe(before);
    const retried = await send('/api/v1/webhooks/17track/chinapost', body, headers);
    expect(retried.status).toBe(202);
    expect(retried.body.batchId).toEqual(expect.any(String));
    expect(await batches()).toBe(before + 1);
    expect((await send('/api/v1/webhooks/17track/chinapost', body, headers)).body).toMatchObject({ replayed: true });
  });
});
