import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LanewatchApp } from './support/lanewatch-app';
import { createPolicy, evaluate, firstAttemptPolicy, parcels, postEvents, ScopeResult } from './support/sla-feed';

// sla.md §1-3 through the real API and worker on tiny hand-written feeds. Every scenario has its own
// carriers and its own weeks of 2026, so the other scenarios' policies see no data at its asOf.
// Reminders are off and the repeatable evaluation rare: each evaluation here is explicit.

const ROOT = join(__dirname, '..');
const run = promisify(execFile);

interface Breach {
  id: string;
  policyId: string;
  carrier: string | null;
  status: string;
  value: number;
  worstValue: number;
  sample: number;
  windowFrom: string;
  windowTo: string;
  openedAt: string;
  resolvedAt: string | null;
  acknowledgedBy: string | null;
  evidence: { parcels: { trackingNumber: string; carrier: string; shipmentPath: string; reason: string }[] };
  transitions?: { transition: string; at: string }[];
}

describe('SLA policies and breaches', () => {
  let app: LanewatchApp;

  beforeAll(async () => {
    app = await LanewatchApp.start({ env: { SLA_REMINDER_MINUTES: '0', SLA_EVALUATION_INTERVAL_MS: '86400000' } });
  });
  afterAll(() => app?.stop());

  const scopesOf = (result: Awaited<ReturnType<typeof evaluate>>, policyId: string): ScopeResult[] =>
    result.policies.find((policy) => policy.policyId === policyId)?.scopes ?? [];

  async function breaches(query = ''): Promise<Breach[]> {
    const response = await app.request('GET', `/api/v1/breaches${query}`);
    expect(response.status).toBe(200);
    return response.body as unknown as Breach[];
  }

  const snapshot = () =>
    Promise.all([
      app.sql('SELECT * FROM breaches ORDER BY id'),
      app.sql('SELECT breach_id, transition, reminder, at FROM breach_events ORDER BY id'),
      app.sql('SELECT channel_id, idempotency_key FROM alert_deliveries ORDER BY id'),
    ]);

  it("'*' fan-out with one carrier breaching and one not", async () => {
    await app.createCarrier('fan-good');
    await app.createCarrier('fan-bad');
    await postEvents(app, [...parcels('fan-good', 'FG', '2026-03-05', { good: 5, bad: 0 }), ...parcels('fan-bad', 'FB', '2026-03-05', { good: 2, bad: 3 })]);
    const policyId = await createPolicy(app, firstAttemptPolicy({ name: 'fan-out', carrier: '*', corridor: 'CN-BR' }));

    const result = await evaluate(app, '2026-03-10T00:07:00Z');
    // Floored to the quarter hour: the window actually read is reported.
    expect(result.asOf).toBe('2026-03-10T00:00:00.000Z');
    const scopes = scopesOf(result, policyId).filter((scope) => scope.carrier?.startsWith('fan-'));
    expect(scopes.map((scope) => [scope.carrier, scope.verdict, scope.action, scope.value, scope.sample])).toEqual([
      ['fan-bad', 'violates', 'open', 0.4, 5],
      ['fan-good', 'complies', 'none', 1, 5],
    ]);
    expect(scopes[0].windowFrom).toBe('2026-03-03T00:00:00.000Z');
    expect(scopes[0].windowTo).toBe('2026-03-10T00:00:00.000Z');

    const open = (await breaches('?status=open')).filter((breach) => breach.policyId === policyId);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ carrier: 'fan-bad', status: 'open', value: 0.4, worstValue: 0.4, sample: 5, openedAt: '2026-03-10T00:07:00.000Z' });
    // The window ends at the quarter hour; the opening is stamped with the instant asked for (issue 15, point 4).
    // Evidence: the failed first attempts, each linking to its journey.
    expect(open[0].evidence.parcels.map((parcel) => parcel.trackingNumber).sort()).toEqual(['FB0003', 'FB0004', 'FB0005']);
    const journey = await app.request('GET', open[0].evidence.parcels[0].shipmentPath);
    expect(journey.status).toBe(200);

    // The carrier's own history, and a carrier key sees only its own carrier's breaches.
    const history = await app.request('GET', '/api/v1/carriers/fan-bad/breaches');
    expect((history.body as unknown as Breach[]).map((breach) => breach.id)).toEqual([open[0].id]);
  });

  it("a carrier key sees only its own carrier's breaches", async () => {
    const { apiKey } = await app.createCarrier('fan-peek');
    const mine = await app.request('GET', '/api/v1/breaches', { token: apiKey });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([]);
    expect((await app.request('GET', '/api/v1/breaches?carrier=fan-bad', { token: apiKey })).status).toBe(403);
    expect((await app.request('GET', '/api/v1/carriers/fan-bad/breaches', { token: apiKey })).status).toBe(403);
  });

  it('acknowledge with note', async () => {
    const [breach] = (await breaches('?carrier=fan-bad')).filter((b) => b.status === 'open');
    const response = await app.request('POST', `/api/v1/breaches/${breach.id}/acknowledge`, { body: { note: 'depot strike, customer informed' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'admin-token', acknowledgedNote: 'depot strike, customer informed' });
    expect((response.body as unknown as Breach).transitions?.map((t) => t.transition)).toEqual(['opened', 'acknowledged']);
    expect((await app.request('POST', `/api/v1/breaches/${breach.id}/acknowledge`, { body: { note: 'again' } })).status).toBe(409);
    // Still listed, now as acknowledged.
    expect((await breaches('?status=acknowledged&carrier=fan-bad')).map((b) => b.id)).toEqual([breach.id]);
  });

  describe('one breach through its life', () => {
    let policyId: string;
    let breachId: string;

    beforeAll(async () => {
      await app.createCarrier('life-post');
      policyId = await createPolicy(app, firstAttemptPolicy({ name: 'life', carrier: 'life-post' }));
      await postEvents(app, parcels('life-post', 'LP', '2026-04-06', { good: 1, bad: 3 }));
      const [scope] = scopesOf(await evaluate(app, '2026-04-08T00:00:00Z'), policyId);
      expect(scope).toMatchObject({ verdict: 'violates', action: 'open', value: 0.25, sample: 4 });
      breachId = scope.breachId as string;
    });

    it('insufficient sample leaves an open breach open', async () => {
      // Ten days on, the 7-day window holds no parcel of this carrier.
      const [scope] = scopesOf(await evaluate(app, '2026-04-18T00:00:00Z'), policyId);
      expect(scope).toMatchObject({ verdict: 'insufficient_data', action: 'none', sample: 0, breachId, breachStatus: 'open' });
      const [breach] = (await breaches('?carrier=life-post')).filter((b) => b.id === breachId);
      expect(breach).toMatchObject({ status: 'open', value: 0.25, sample: 4, resolvedAt: null });
    });

    it('compliance resolves it at asOf', async () => {
      await postEvents(app, parcels('life-post', 'LP', '2026-04-20', { good: 6, bad: 0, from: 100 }));
      const [scope] = scopesOf(await evaluate(app, '2026-04-22T00:00:00Z'), policyId);
      expect(scope).toMatchObject({ verdict: 'complies', action: 'resolve', value: 1, sample: 6, breachId, breachStatus: 'resolved' });
      const detail = await app.request('GET', `/api/v1/breaches/${breachId}`);
      expect(detail.body).toMatchObject({ status: 'resolved', resolvedAt: '2026-04-22T00:00:00.000Z' });
      expect((detail.body as unknown as Breach).transitions?.map((t) => [t.transition, t.at])).toEqual([
        ['opened', '2026-04-08T00:00:00.000Z'],
        ['resolved', '2026-04-22T00:00:00.000Z'],
      ]);
    });

    it('re-evaluating at the same asOf changes nothing', async () => {
      const before = await snapshot();
      const [scope] = scopesOf(await evaluate(app, '2026-04-22T00:00:00Z'), policyId);
      expect(scope).toMatchObject({ verdict: 'complies', action: 'none' });
      expect(await snapshot()).toEqual(before);
    });
  });

  it('re-evaluating an open breach at the same asOf changes nothing', async () => {
    await app.createCarrier('same-post');
    const policyId = await createPolicy(app, firstAttemptPolicy({ name: 'same', carrier: 'same-post' }));
    await postEvents(app, parcels('same-post', 'SP', '2026-05-04', { good: 0, bad: 4 }));
    expect(scopesOf(await evaluate(app, '2026-05-06T00:00:00Z'), policyId)[0]).toMatchObject({ action: 'open' });
    const before = await snapshot();
    expect(scopesOf(await evaluate(app, '2026-05-06T00:00:00Z'), policyId)[0]).toMatchObject({ action: 'update', verdict: 'violates' });
    expect(await snapshot()).toEqual(before);
  });

  it('a late event that changes a past window changes the verdict of a re-evaluation at that asOf', async () => {
    await app.createCarrier('late-post');
    const policyId = await createPolicy(app, firstAttemptPolicy({ name: 'late', carrier: 'late-post' }));
    await postEvents(app, parcels('late-post', 'LT', '2026-06-02', { good: 2, bad: 2 }));
    const first = scopesOf(await evaluate(app, '2026-06-05T00:00:00Z'), policyId)[0];
    expect(first).toMatchObject({ verdict: 'violates', action: 'open', value: 0.5, sample: 4 });
    // Late parcels of the same past window arrive: (2 + 8) / 12 ≥ 0.8.
    await postEvents(app, parcels('late-post', 'LT', '2026-06-03', { good: 8, bad: 0, from: 50 }));
    const again = scopesOf(await evaluate(app, '2026-06-05T00:00:00Z'), policyId)[0];
    expect(again).toMatchObject({ verdict: 'complies', action: 'resolve', sample: 12, breachId: first.breachId, breachStatus: 'resolved' });
    expect(again.value).toBeCloseTo(10 / 12, 12);
    const detail = await app.request('GET', `/api/v1/breaches/${first.breachId}`);
    expect(detail.body).toMatchObject({ status: 'resolved', resolvedAt: '2026-06-05T00:00:00.000Z' });
  });

  it('policy validation answers 400 naming the field', async () => {
    const response = await app.request('POST', '/api/v1/sla-policies', {
      body: firstAttemptPolicy({ name: 'bad', metric: 'first_atempt_rate', windowDays: 120, colour: 'red' }),
    });
    expect(response.status).toBe(400);
    const errors = (response.body as unknown as { errors: string[] }).errors;
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^metric must be one of /), 'windowDays must be an integer from 1 to 90', 'colour is not a known field']));
    const threshold = await app.request('POST', '/api/v1/sla-policies', { body: firstAttemptPolicy({ threshold: 1.5 }) });
    expect(threshold.status).toBe(400);
    expect((threshold.body as unknown as { errors: string[] }).errors).toEqual(['threshold must be from 0 to 1 for first_attempt_rate (a rate)']);
    expect((await app.request('POST', '/api/v1/sla-policies', { body: firstAttemptPolicy({}), token: null })).status).toBe(401);
  });

  it('policies: read, replace, delete', async () => {
    // A policy's carrier must be registered (issue 15): a typo would check nothing.
    await app.createCarrier('crud-post');
    const id = await createPolicy(app, firstAttemptPolicy({ name: 'crud', carrier: 'crud-post', enabled: false }));
    const replaced = await app.request('PUT', `/api/v1/sla-policies/${id}`, { body: firstAttemptPolicy({ name: 'crud', carrier: 'crud-post', threshold: 0.95, enabled: false }) });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id, threshold: 0.95, minSample: 3, severity: 'critical', enabled: false, burnRate: null, wilsonGuard: false });
    expect((await app.request('GET', `/api/v1/sla-policies/${id}`)).body).toMatchObject({ threshold: 0.95 });
    expect((await app.request('DELETE', `/api/v1/sla-policies/${id}`)).status).toBe(204);
    expect((await app.request('GET', `/api/v1/sla-policies/${id}`)).status).toBe(404);
    expect((await app.request('GET', '/api/v1/sla-policies/not-a-uuid')).status).toBe(404);
  });

  it('contracts apply twice = no change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lanewatch-sla-'));
    const file = join(dir, 'contract.yaml');
    const contract = (threshold: number) => `contract: contract-post-2026
carrier: contract-post
effectiveFrom: 2026-01-01
x-defaults: &defaults
  windowDays: 7
  minSample: 30
policies:
  - <<: *defaults
    name: CN-BR first attempt
    corridor: CN-BR
    metric: first_attempt_rate
    op: gte
    threshold: ${threshold}
  - <<: *defaults
    name: transit p90
    corridor: "*"
    metric: transit_p90_days
    op: lte
    threshold: 12
`;
    const apply = async () => {
      const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', 'scripts/lanewatch.ts', 'sla', 'apply', file], { cwd: ROOT, env: app.env() });
      return stdout.trim().split('\n');
    };
    writeFileSync(file, contract(0.9));
    // The contract itself is stored too (sla_contracts); its carrier has no ended legs yet to recompute.
    const stored0 = 'contract-post-2026: contract stored; clock facts of 0 ended legs queued for recomputation';
    expect(await apply()).toEqual([stored0, 'created  contract-post-2026 / CN-BR first attempt', 'created  contract-post-2026 / transit p90']);
    // What apply writes: the evaluator's state (last_evaluated_at, last_evaluation) may change meanwhile, as
    // the worker evaluates new policies at once.
    const stored = async () =>
      (await app.sql('SELECT * FROM sla_policies WHERE contract = $1 ORDER BY name', ['contract-post-2026'])).map(
        ({ last_evaluated_at: _at, last_evaluation: _evaluation, ...row }) => row,
      );
    const before = await stored();
    expect(before.map((row) => [row.name, row.carrier, row.corridor, row.effective_from !== null])).toEqual([
      ['CN-BR first attempt', 'contract-post', 'CN-BR', true],
      ['transit p90', 'contract-post', '*', true],
    ]);
    expect(await apply()).toEqual(['contract-post-2026: no change (2 policies up to date)']);
    expect(await stored()).toEqual(before);
    writeFileSync(file, contract(0.92));
    expect(await apply()).toEqual([stored0, 'updated  contract-post-2026 / CN-BR first attempt (threshold: 0.9 → 0.92)']);
  });
});
