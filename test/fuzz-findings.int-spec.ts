import { signEasyPost } from '@lanewatch/formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LanewatchApp } from './support/lanewatch-app';

// Each 5xx the fuzz suite (fuzz.int-spec.ts) found, as a named regression test: the client's
// mistake is answered with a precise 4xx, and the API process stays the same throughout.
const fixture = (path: string) => readFileSync(join(__dirname, '..', 'libs/formats/src', path), 'utf8');

describe('fuzz findings', () => {
  let app: LanewatchApp;
  let key: string;
  let secret: string;
  let apiPid: number | null;

  beforeAll(async () => {
    app = await LanewatchApp.start({ worker: false });
    ({ apiKey: key, webhookSecret: secret } = await app.createCarrier('finder'));
    await app.request('PUT', '/api/v1/carriers/finder/import-mapping', { body: { columns: { trackingNumber: 'tn', occurredAt: 'at', milestone: 'ms' }, defaultTimeZone: 'UTC' } });
    apiPid = app.apiPid;
  });
  afterAll(() => app?.stop());

  it.each([
    ['POST', '/api/v1/carriers/%00/keys/rotate'],
    ['POST', '/api/v1/carriers/finder%00/webhook-secret/rotate'],
    ['DELETE', '/api/v1/legs/%00/FINDER0001/link'],
    ['GET', '/api/v1/shipments/finder/FIND%00ER01'],
    ['GET', '/api/v1/kpis?carrier=fin%00der'],
  ])('a NUL character in the URL of %s %s is a 400 that names it', async (method, path) => {
    const response = await app.request(method, path);
    expect(response).toMatchObject({ status: 400, body: { message: 'the URL holds a NUL character (%00): no path or query value may contain one' } });
    expect(app.apiPid).toBe(apiPid);
  });

  it('a signed webhook for a carrier code holding a NUL character is a 400, not a database error', async () => {
    const body = JSON.stringify({ ...JSON.parse(fixture('easypost/fixtures/tracker-updated.json')), updated_at: new Date().toISOString() });
    const response = await fetch(`${app.apiUrl}/api/v1/webhooks/easypost/fin%00der`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hmac-signature': signEasyPost(body, secret) },
      body,
    });
    expect(response.status).toBe(400);
    expect(app.apiPid).toBe(apiPid);
  });

  const NOT_A_UUID = '-'.repeat(36);
  it.each([
    ['GET', `/api/v1/imports/${NOT_A_UUID}`],
    ['GET', `/api/v1/imports/${NOT_A_UUID}/rejections.csv`],
    ['GET', `/api/v1/imports/abcdef01-abcd-abcd-abcd-abcdef01234-`],
    ['GET', `/api/v1/ingest/batches/${NOT_A_UUID}`],
    ['POST', `/api/v1/ingest/batches/${NOT_A_UUID}/retry`],
    ['POST', `/api/v1/carriers/finder/keys/${NOT_A_UUID}/revoke`],
  ])('%s %s (36 characters that are not a UUID) is a 404', async (method, path) => {
    const response = await app.request(method, path);
    expect(response.status).toBe(404);
    expect(app.apiPid).toBe(apiPid);
  });

  it('an import whose file name holds a NUL character is a 400 that names it; the next import is accepted', async () => {
    const upload = (fileName: string) => {
      const form = new FormData();
      form.append('file', new Blob(['tn,at,ms\nFINDER0001,2026-11-01T10:00:00Z,ACCEPTED\n'], { type: 'text/csv' }), fileName);
      return fetch(`${app.apiUrl}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
    };
    const refused = await upload('rows\u0000.csv');
    expect({ status: refused.status, body: await refused.json() }).toMatchObject({
      status: 400,
      body: { message: 'the file name holds a NUL character; send the file under a name without one' },
    });
    const accepted = await upload('rows.csv');
    expect(accepted.status).toBe(201);
    expect(app.apiPid).toBe(apiPid);
  });

  it('an event holding a NUL or a lone surrogate is refused alone with its reason; the rest of its batch is accepted', async () => {
    const response = await app.request('POST', '/api/v1/events', {
      token: key,
      body: {
        events: [
          { trackingNumber: 'FINDER0101', milestone: 'ACCEPTED', occurredAt: '2026-11-01T08:00:00Z', message: 'at the\u0000counter' },
          { trackingNumber: 'FINDER0102', milestone: 'ACCEPTED', occurredAt: '2026-11-01T08:00:00Z', location: { city: 'S\ud800O PAULO' } },
          { trackingNumber: 'FINDER0103', milestone: 'ACCEPTED', occurredAt: '2026-11-01T08:00:00Z', note: { 'k\u0000': 1 } },
          { trackingNumber: 'FINDER0104', milestone: 'ACCEPTED', occurredAt: '2026-11-01T08:00:00Z', message: 'fine' },
        ],
      },
    });
    expect(response).toMatchObject({
      status: 202,
      body: {
        accepted: 1,
        rejected: [
          { index: 0, errors: ['message holds a NUL character, which cannot be stored'] },
          { index: 1, errors: ['location.city holds a lone UTF-16 surrogate, which cannot be stored'] },
          { index: 2, errors: ['note has a key that holds a NUL character, which cannot be stored'] },
        ],
      },
    });
  });

  it('a UPU CSV line holding a NUL is refused alone; the other lines are accepted', async () => {
    const csv = fixture('upu/fixtures/emsevt-events.csv').replace('EMC,', 'E\u0000MC,');
    const response = await fetch(`${app.apiUrl}/api/v1/webhooks/upu/finder`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' }, body: csv });
    const body = (await response.json()) as { accepted: number; rejected: { errors: string[] }[] };
    expect(response.status).toBe(202);
    expect(body.accepted).toBeGreaterThan(0);
    expect(body.rejected).toEqual([expect.objectContaining({ errors: expect.arrayContaining([expect.stringMatching(/holds a NUL character, which cannot be stored$/)]) })]);
  });

  it('a shipment registration with a NUL in serviceLevel is a 400 naming the field', async () => {
    const response = await app.request('POST', '/api/v1/shipments', { token: key, body: { carrier: 'finder', trackingNumber: 'FINDER0201', serviceLevel: 'GM\u0000605554122' } });
    expect(response).toMatchObject({ status: 400, body: { errors: ['serviceLevel holds a NUL character, which cannot be stored'] } });
  });

  it('an import mapping naming a column with a lone surrogate is a 400 naming it', async () => {
    const response = await app.request('PUT', '/api/v1/carriers/finder/import-mapping', { body: { columns: { trackingNumber: '\udc00tn', occurredAt: 'at', milestone: 'ms' } } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('columns.trackingNumber holds a lone UTF-16 surrogate, which cannot be stored');
  });

  it('a CSV import whose refused cell holds a NUL records the line with its reason', async () => {
    const form = new FormData();
    form.append('file', new Blob(['tn,at,ms\nFINDER0301,2026-11-01T10:00:00Z,ACCEPTED\nFINDER0302,2026-11-01T10:00\u0000,ACCEPTED\n'], { type: 'text/csv' }), 'nul.csv');
    const response = await fetch(`${app.apiUrl}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
    const body = (await response.json()) as { accepted: number; rejected: number; importId: string };
    expect(response.status).toBe(201);
    const view = await app.request('GET', `/api/v1/imports/${body.importId}`);
    expect(view.body).toMatchObject({ accepted: 1, rejected: 1, rejections: [{ line: 3, errors: [expect.stringContaining('\\u0000')] }] });
    expect(app.apiPid).toBe(apiPid);
  });

  it.each(['0001-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '1999-12-31T23:59:59Z'])('an SLA evaluation asOf %s (before 2000) is a 400 naming the bound', async (asOf) => {
    const response = await app.request('POST', '/api/v1/sla-evaluations', { body: { asOf } });
    expect(response).toMatchObject({ status: 400, body: { errors: ['asOf must not be before 2000-01-01'] } });
  });

  it('a user whose name holds a NUL is a 400 naming the field, on creation and on change', async () => {
    const created = await app.request('POST', '/api/v1/users', { body: { email: 'nul@example.com', name: 'N\u0000', role: 'viewer', password: 'a long enough password' } });
    expect(created).toMatchObject({ status: 400, body: { errors: ['name holds a NUL character, which cannot be stored'] } });
    const user = await app.request('POST', '/api/v1/users', { body: { email: 'nul@example.com', name: 'N', role: 'viewer', password: 'a long enough password' } });
    const changed = await app.request('PATCH', `/api/v1/users/${user.body.id}`, { body: { name: 'N\u0000' } });
    expect(changed).toMatchObject({ status: 400, body: { errors: ['name holds a NUL character, which cannot be stored'] } });
  });
});
