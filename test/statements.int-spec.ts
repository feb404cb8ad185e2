import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LanewatchApp } from './support/lanewatch-app';
import { Event, evaluate, postEvents } from './support/sla-feed';

// contracts.md §2-3 through the API against real PostgreSQL: a November statement of one carrier with
// all three kinds of consequence and a monthly cap, issued, disputed, decided, revised by a late event
// and issued again, with every step in the audit log.

const ROOT = join(__dirname, '..');
const run = promisify(execFile);
const CARRIER = 'stmt-post';
const MONTH = '2026-11';
const STATEMENT = `/api/v1/carriers/${CARRIER}/statements/${MONTH}`;

const CONTRACT = `contract: stmt-post-2026
carrier: ${CARRIER}
effectiveFrom: 2026-01-01
timeZone: UTC
allowances: [ { corridor: CN-BR, days: 3 } ]
currency: EUR
monthlyCap: { amount: "1000.00" }
x-term: &term
  corridor: CN-BR
  minSample: 3
policies:
  - <<: *term
    name: first attempt weekly
    metric: first_attempt_rate
    op: gte
    threshold: 0.9
    windowDays: 7
    consequence: { kind: per_breach_day, amount: "100.00" }
  - <<: *term
    name: first attempt credit
    metric: first_attempt_rate
    op: gte
    threshold: 0.9
    windowDays: 30
    consequence:
      kind: tiered
      tiers: [ { from: 0, to: 0.8, credit: 0.1 }, { from: 0.8, to: 0.9, credit: 0.05 }, { from: 0.9, credit: 0 } ]
  - <<: *term
    name: transit
    metric: transit_p90_days
    op: lte
    threshold: 30
    windowDays: 30
    consequence: { kind: per_parcel, amount: "2.00", perExtraDay: "0.50", maxPerParcel: "9.00" }
  - <<: *term
    name: within allowance
    metric: clock_within_rate
    op: gte
    threshold: 0.9
    windowDays: 30
  - <<: *term
    name: big sample only
    metric: transit_mean_days
    op: lte
    threshold: 1
    windowDays: 30
    minSample: 1000
    consequence: { kind: per_breach_day, amount: "1.00" }
`;

/** A CN-BR parcel accepted at `acceptedAt`, delivered at `deliveredAt` (after a failed attempt 8 h earlier when `failedFirst`). */
function parcel(trackingNumber: string, acceptedAt: string, deliveredAt: string, failedFirst = false): Event[] {
  const base = { carrier: CARRIER, trackingNumber };
  const failedAt = new Date(Date.parse(deliveredAt) - 8 * 3_600_000).toISOString();
  return [
    { ...base, milestone: 'ACCEPTED', occurredAt: acceptedAt, shipment: { origin: 'CN', destination: 'BR', serviceLevel: 'standard' } },
    ...(failedFirst ? [{ ...base, milestone: 'DELIVERY_FAILED', occurredAt: failedAt, reason: 'ADDRESSEE_ABSENT' }] : []),
    { ...base, milestone: 'DELIVERED', occurredAt: deliveredAt },
  ];
}

type Json = Record<string, unknown>;
type TermJson = { term: string; value: number | null; sample: number; verdict: string; consequence: Json | null; parcels: Json[]; excludedParcels: Json[]; breachDays: string[] };
const termOf = (statement: Json, name: string) => (statement.terms as TermJson[]).find((term) => term.term === name) as TermJson;

describe('monthly statements, disputes and the audit log', () => {
  let app: LanewatchApp;
  let carrierKey: string;
  let viewerToken: string;

  beforeAll(async () => {
    app = await LanewatchApp.start();
    ({ apiKey: carrierKey } = await app.createCarrier(CARRIER));
    await app.createCarrier('stmt-other');
    await postEvents(app, [
      // Nov 5: four parcels, two failed at the first attempt (delivered the same day).
      ...parcel('STSA1', '2026-11-05T00:00:00Z', '2026-11-05T10:00:00Z'),
      ...parcel('STSA2', '2026-11-05T00:00:00Z', '2026-11-05T10:00:00Z'),
      ...parcel('STSA3', '2026-11-05T00:00:00Z', '2026-11-05T18:00:00Z', true),
      ...parcel('STSA4', '2026-11-05T00:00:00Z', '2026-11-05T18:00:00Z', true),
      // 5 days 10 h against an allowance of 3 days: 2.42 over, 3 started days → 2.00 + 0.50 × 3 = 3.50 each.
      ...parcel('STSB1', '2026-11-12T00:00:00Z', '2026-11-17T10:00:00Z'),
      ...parcel('STSB2', '2026-11-12T00:00:00Z', '2026-11-17T10:00:00Z'),
      ...parcel('STSB3', '2026-11-12T00:00:00Z', '2026-11-17T10:00:00Z'),
      // 18 days 10 h: 2.00 + 0.50 × 16 = 10.00, capped at 9.00.
      ...parcel('STSC1', '2026-11-12T00:00:00Z', '2026-11-30T10:00:00Z'),
      // Delivered in December: not on the November statement.
      ...parcel('STSD1', '2026-11-28T00:00:00Z', '2026-12-02T10:00:00Z'),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'lanewatch-statement-'));
    writeFileSync(join(dir, 'contract.yaml'), CONTRACT);
    await run(process.execPath, ['-r', '@swc-node/register', 'scripts/lanewatch.ts', 'sla', 'apply', join(dir, 'contract.yaml')], { cwd: ROOT, env: app.env() });
    // The weekly first-attempt term breaches on Nov 8 (2 of 4) and recovers on Nov 20 (3 of 3).
    await evaluate(app, '2026-11-08T00:00:00Z');
    await evaluate(app, '2026-11-20T00:00:00Z');

    const password = 'statement-viewer-password-1';
    expect((await app.request('POST', '/api/v1/users', { body: { email: 'stmt-viewer@example.com', name: 'Viewer', role: 'viewer', password } })).status).toBe(201);
    viewerToken = (await app.request('POST', '/api/v1/auth/login', { token: null, body: { email: 'stmt-viewer@example.com', password } })).body.token as string;
  });
  afterAll(() => app?.stop());

  it('enters the invoiced amount from a CSV upload, all rows or none', async () => {
    const upload = (csv: string) => fetch(`${app.apiUrl}/api/v1/invoices`, { method: 'POST', headers: { authorization: `Bearer ${app.adminToken}`, 'content-type': 'text/csv' }, body: csv });
    const bad = await upload('carrier,month,amount\nstmt-post,2026-11,12.5.0\nstmt-post,2026-13,10\n');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: string[] }).errors).toEqual([
      'line 2: amount must be a non-negative decimal such as "2.50" (at most 15 digits before and 10 after the point)',
      'line 3: month must be YYYY-MM',
    ]);
    const good = await upload('carrier,month,amount,currency\nstmt-post,2026-11,1000.00,EUR\nstmt-other,2026-11,55.10,EUR\n');
    expect(good.status).toBe(200);
    expect((await app.sql('SELECT carrier_id, amount::text AS amount FROM invoices ORDER BY amount')).map((row) => row.amount)).toEqual(['1000.000000', '55.100000']);
  });

  it('enters one invoiced amount by API, as an exact decimal string', async () => {
    expect((await app.request('PUT', '/api/v1/carriers/stmt-other/invoices/2026-10', { body: { amount: 12.5 } })).status).toBe(200);
    const stored = await app.request('PUT', '/api/v1/carriers/stmt-other/invoices/2026-10', { body: { amount: '12.345', currency: 'eur' } });
    expect(stored.body).toMatchObject({ carrier: 'stmt-other', month: '2026-10', amount: '12.345', currency: 'EUR', source: 'api' });
    expect((await app.request('PUT', '/api/v1/carriers/stmt-other/invoices/2026-10', { body: { amount: '-1' } })).status).toBe(400);
    expect((await app.request('PUT', '/api/v1/carriers/stmt-other/invoices/2026-10', { body: { amount: '1.0000001' } })).body).toMatchObject({
      errors: ['amount must have at most 14 digits before and 6 after the point'],
    });
    expect((await app.request('PUT', '/api/v1/carriers/nobody/invoices/2026-10', { body: { amount: '1' } })).status).toBe(404);
    expect((await app.request('PUT', '/api/v1/carriers/stmt-other/invoices/2026-10', { token: viewerToken, body: { amount: '1' } })).status).toBe(403);
    expect(await app.sql("SELECT amount::text AS amount FROM invoices WHERE month = '2026-10'")).toEqual([{ amount: '12.345000' }]);
  });

  it('computes every term with its consequence and arithmetic, and totals before and after the cap', async () => {
    const response = await app.request('GET', STATEMENT);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ carrier: CARRIER, month: MONTH, status: 'draft', revision: null, draft: null, disputes: [] });
    const statement = response.body.statement as Json;
    expect(statement).toMatchObject({ currency: 'EUR', period: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', complete: true }, invoice: { amount: '1000.00', source: 'entered' } });

    const weekly = termOf(statement, 'first attempt weekly');
    expect(weekly.breachDays).toHaveLength(12);
    expect(weekly.breachDays[0]).toBe('2026-11-08');
    expect(weekly.consequence).toMatchObject({ kind: 'per_breach_day', amount: '1200.00', arithmetic: ['12 days with an active breach × 100.00 = 1200'] });

    const credit = termOf(statement, 'first attempt credit');
    expect(credit).toMatchObject({ value: 0.75, sample: 8, verdict: 'violates' });
    expect(credit.consequence).toMatchObject({ kind: 'tiered', amount: '100.00', arithmetic: ['value 0.75 selects tier [0, 0.8): credit 0.1 × invoiced 1000.00 = 100'] });
    expect(credit.parcels.filter((entry) => entry.miss).map((entry) => entry.trackingNumber)).toEqual(['STSA3', 'STSA4']);

    const transit = termOf(statement, 'transit');
    expect(transit.consequence).toMatchObject({ kind: 'per_parcel', amount: '19.50' });
    expect(transit.parcels.filter((entry) => entry.amount !== undefined).map((entry) => [entry.trackingNumber, entry.amount])).toEqual([
      ['STSB1', '3.5'],
      ['STSB2', '3.5'],
      ['STSB3', '3.5'],
      ['STSC1', '9'],
    ]);
    expect(transit.parcels.map((entry) => entry.trackingNumber)).not.toContain('STSD1');
    expect(transit.parcels[0].journey).toBe(`/shipments?carrier=${CARRIER}&tracking=STSA1`);

    // The contract clock (calendar days in UTC here): 4 of the 8 November legs ended within 3 days.
    expect(termOf(statement, 'within allowance')).toMatchObject({ value: 0.5, sample: 8, verdict: 'violates', consequence: null });
    expect(termOf(statement, 'big sample only')).toMatchObject({ sample: 8, verdict: 'insufficient_data', consequence: { amount: '0.00', note: 'only 8 parcels, fewer than minSample 1000: no consequence' } });
    expect(statement.totals).toEqual({
      beforeCap: '1319.50',
      cap: '1000.00',
      afterCap: '1000.00',
      arithmetic: ['before cap: 1200.00 + 100.00 + 19.50 + 0.00 = 1319.50', 'monthly cap: 1000.00', 'after cap: min(1319.50, 1000.00) = 1000.00'],
    });
  });

  it('gives the same statement for the same events, and cuts the month at asOf', async () => {
    const first = await app.request('GET', `${STATEMENT}?asOf=2026-12-04T00:00:00Z`);
    const second = await app.request('GET', `${STATEMENT}?asOf=2026-12-04T00:00:00Z`);
    expect(second.body).toEqual(first.body);
    const partial = (await app.request('GET', `${STATEMENT}?asOf=2026-11-15T00:00:00Z`)).body.statement as Json;
    expect(partial.period).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-15T00:00:00.000Z', complete: false });
    expect(termOf(partial, 'first attempt credit').sample).toBe(4);
    expect((await app.request('GET', `${STATEMENT}?asOf=yesterday`)).status).toBe(400);
    expect((await app.request('GET', `/api/v1/carriers/${CARRIER}/statements/2026-13`)).status).toBe(400);
    expect((await app.request('GET', '/api/v1/carriers/stmt-other/statements/2026-11')).status).toBe(404);
  });

  it('confines carrier callers to their own statements and keeps viewers and keys from changing anything', async () => {
    expect((await app.request('GET', STATEMENT, { token: carrierKey })).status).toBe(200);
    expect((await app.request('GET', '/api/v1/carriers/stmt-other/statements/2026-11', { token: carrierKey })).status).toBe(403);
    expect((await app.request('GET', STATEMENT, { token: viewerToken })).status).toBe(200);
    expect((await app.request('POST', `${STATEMENT}/issue`, { token: viewerToken, body: {} })).status).toBe(403);
    expect((await app.request('POST', `${STATEMENT}/issue`, { token: carrierKey, body: {} })).status).toBe(403);
    const byKey = await app.request('POST', `${STATEMENT}/disputes`, { token: carrierKey, body: { parcel: 'STSC1', reason: 'closed for holidays' } });
    expect(byKey.status).toBe(403);
    expect(byKey.body.message).toContain("a carrier's API key cannot dispute");
    expect((await app.request('POST', `${STATEMENT}/disputes`, { token: viewerToken, body: { parcel: 'STSC1', reason: 'x' } })).status).toBe(403);
    expect((await app.request('GET', '/api/v1/audit', { token: viewerToken })).status).toBe(403);
    expect((await app.request('GET', '/api/v1/audit', { token: carrierKey })).status).toBe(403);
  });

  it('issues a finished month once, frozen with its fingerprint; a month not over is refused', async () => {
    expect((await app.request('POST', `/api/v1/carriers/${CARRIER}/statements/2026-12/issue`, { body: {} })).status).toBe(409);
    const issued = await app.request('POST', `${STATEMENT}/issue`, { body: { note: 'November close' } });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ status: 'issued', revision: 1, issuedBy: 'admin-token', draft: null });
    expect(issued.body.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect((await app.request('POST', `${STATEMENT}/issue`, { body: {} })).status).toBe(409);
    expect((await app.request('GET', STATEMENT)).body).toMatchObject({ status: 'issued', revision: 1, fingerprint: issued.body.fingerprint });
  });

  it('takes an accepted dispute out of the consequences as a draft revision, and keeps a rejected one in', async () => {
    const open = (parcelName: string, reason: string) => app.request('POST', `${STATEMENT}/disputes`, { body: { parcel: parcelName, reason } });
    const accepted = await open('stsc1', 'the consignee closed for two weeks');
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ trackingNumber: 'STSC1', status: 'open', reason: 'the consignee closed for two weeks' });
    const rejected = await open('STSA3', 'the address was wrong');
    expect((await open('STSC1', 'again')).status).toBe(409);
    expect((await open('NOPE1', 'not ours')).status).toBe(404);
    expect((await app.request('POST', `${STATEMENT}/disputes`, { body: { parcel: 'STSA4' } })).status).toBe(400);

    const decide = (id: unknown, body: Json) => app.request('POST', `/api/v1/disputes/${String(id)}/decision`, { body });
    expect((await decide(accepted.body.id, { decision: 'accept' })).status).toBe(400);
    expect((await decide(accepted.body.id, { decision: 'accept', note: 'closure confirmed by the consignee' })).body).toMatchObject({ status: 'accepted', note: 'closure confirmed by the consignee', decidedBy: 'admin-token' });
    expect((await decide(rejected.body.id, { decision: 'reject', note: 'the address matches the order' })).body).toMatchObject({ status: 'rejected' });
    expect((await decide(rejected.body.id, { decision: 'accept', note: 'changed my mind' })).status).toBe(409);
    expect((await app.request('POST', `/api/v1/disputes/${String(accepted.body.id)}/decision`, { token: carrierKey, body: { decision: 'reject', note: 'x' } })).status).toBe(403);

    const view = (await app.request('GET', STATEMENT)).body;
    expect(view).toMatchObject({ status: 'revised', revision: 1 });
    // The issued revision is untouched; the draft shows the difference.
    expect(termOf(view.statement as Json, 'transit').consequence).toMatchObject({ amount: '19.50' });
    const draft = view.draft as { revision: number; statement: Json; difference: Json };
    expect(draft.revision).toBe(2);
    const transit = termOf(draft.statement, 'transit');
    expect(transit.consequence).toMatchObject({ amount: '10.50' });
    expect(transit.excludedParcels).toEqual([expect.objectContaining({ trackingNumber: 'STSC1', disputeId: accepted.body.id, amount: '0' })]);
    expect(termOf(draft.statement, 'first attempt credit').parcels.map((entry) => entry.trackingNumber)).toContain('STSA3');
    expect(draft.difference).toMatchObject({ totals: { issuedBeforeCap: '1319.50', draftBeforeCap: '1310.50', issuedAfterCap: '1000.00', draftAfterCap: '1000.00' }, parcelsRemoved: ['STSC1'] });
    expect((view.disputes as Json[]).map((dispute) => [dispute.trackingNumber, dispute.status])).toEqual([['STSC1', 'accepted'], ['STSA3', 'rejected']]);
  });

  it('shows a late event of the month as a draft revision, never a silent change, and issues it as revision 2', async () => {
    await postEvents(app, parcel('STSE1', '2026-11-25T00:00:00Z', '2026-11-29T10:00:00Z'));
    const view = (await app.request('GET', STATEMENT)).body;
    expect(view).toMatchObject({ status: 'revised', revision: 1 });
    expect((view.draft as { difference: Json }).difference).toMatchObject({ parcelsAdded: ['STSE1'], totals: { draftBeforeCap: '1313.50' } });
    const reissued = await app.request('POST', `${STATEMENT}/issue`, { body: { note: 'dispute STSC1 and the late STSE1' } });
    expect(reissued.body).toMatchObject({ status: 'issued', revision: 2, draft: null });
    const revisions = (await app.request('GET', `${STATEMENT}/revisions`)).body as Json[];
    expect(revisions.filter((revision) => revision.kind === 'issued').map((revision) => revision.revision)).toEqual([1, 2]);
    expect(revisions.some((revision) => revision.kind === 'draft')).toBe(true);
  });

  it('keeps who, when, what and why of every issue, dispute, decision and invoice in the audit log', async () => {
    const all = (await app.request('GET', `/api/v1/audit?carrier=${CARRIER}`)).body as Json[];
    expect(all.map((entry) => entry.action).reverse()).toEqual([
      'invoice.entered',
      'statement.issued',
      'dispute.opened',
      'dispute.opened',
      'dispute.accepted',
      'dispute.rejected',
      'statement.issued',
    ]);
    expect(all[0]).toMatchObject({ actor: 'admin-token', carrier: CARRIER, month: MONTH, reason: 'dispute STSC1 and the late STSE1', details: { revision: 2 } });
    expect(all.find((entry) => entry.action === 'dispute.accepted')).toMatchObject({ reason: 'closure confirmed by the consignee', details: { trackingNumber: 'STSC1' } });
    const own = await app.request('GET', `${STATEMENT}/audit`, { token: carrierKey });
    expect(own.status).toBe(200);
    expect(own.body).toEqual(all);
  });
});
