import { LanewatchApp } from './support/lanewatch-app';
import { createPolicy, evaluate, firstAttemptPolicy, parcels, postEvents } from './support/sla-feed';
import { DAY_MS } from '@lanewatch/domain';

// Issue 15 points 7 and 8 through the real API: a policy's carrier must be registered, a draft is
// previewed without being saved, the list carries each policy's state, a policy can be deleted, and
// an acknowledgement needs a note and can be undone.

interface PolicyStatus {
  state: string;
  value: number | null;
  sample: number | null;
  lastEvaluatedAt: string | null;
  nextEvaluationAt: string | null;
}

const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

describe('SLA policies: validation, preview, state, delete; acknowledgements', () => {
  let app: LanewatchApp;

  beforeAll(async () => {
    app = await LanewatchApp.start({ env: { SLA_REMINDER_MINUTES: '0', SLA_EVALUATION_INTERVAL_MS: '86400000' } });
    await app.createCarrier('pol-bad');
    await app.createCarrier('pol-good');
    // pol-bad: 1 of 4 first attempts delivered (25 %); pol-good: 4 of 4.
    await postEvents(app, [...parcels('pol-bad', 'PB', daysAgo(2), { good: 1, bad: 3 }), ...parcels('pol-good', 'PG', daysAgo(2), { good: 4, bad: 0 })]);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const policyCount = async () => Number((await app.sql<{ n: string }>('SELECT count(*) AS n FROM sla_policies'))[0].n);

  it('an unregistered carrier is a 400 naming it, and nothing is saved', async () => {
    const before = await policyCount();
    const response = await app.request('POST', '/api/v1/sla-policies', { body: firstAttemptPolicy({ carrier: 'pol-typo' }) });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(["carrier 'pol-typo' is not a registered carrier"]);
    expect(await policyCount()).toBe(before);
  });

  it('a malformed corridor is a 400 naming the field; "*" is accepted for both', async () => {
    const response = await app.request('POST', '/api/v1/sla-policies', { body: firstAttemptPolicy({ carrier: 'pol-bad', corridor: 'cn-br' }) });
    expect(response.status).toBe(400);
    expect((response.body.errors as string[]).join(' ')).toMatch(/^corridor must be a corridor such as CN-BR/);
    const wildcard = await app.request('POST', '/api/v1/sla-policies', { body: firstAttemptPolicy({ name: 'each carrier', carrier: '*', corridor: '*' }) });
    expect(wildcard.status).toBe(201);
    expect((await app.request('DELETE', `/api/v1/sla-policies/${wildcard.body.id as string}`)).status).toBe(204);
  });

  it('replacing a policy with an unknown carrier is refused too', async () => {
    const id = await createPolicy(app, firstAttemptPolicy({ name: 'replace me', carrier: 'pol-good' }));
    const response = await app.request('PUT', `/api/v1/sla-policies/${id}`, { body: firstAttemptPolicy({ name: 'replace me', carrier: 'pol-gdoo' }) });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(["carrier 'pol-gdoo' is not a registered carrier"]);
    expect((await app.request('GET', `/api/v1/sla-policies/${id}`)).body.carrier).toBe('pol-good');
    expect((await app.request('DELETE', `/api/v1/sla-policies/${id}`)).status).toBe(204);
  });

  it('a draft is previewed with the value and verdict it would give now, and nothing is stored', async () => {
    const before = await policyCount();
    const { name: _name, ...draft } = firstAttemptPolicy({ carrier: 'pol-bad', threshold: 0.9 });
    const response = await app.request('POST', '/api/v1/sla-policies/preview', { body: draft });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ state: 'breaching', value: 0.25, sample: 4, scopes: 1, breachingScopes: 1 });
    expect(response.body.instances).toEqual([{ carrier: 'pol-bad', corridor: null, serviceLevel: null, value: 0.25, sample: 4, verdict: 'violates' }]);
    const fanOut = await app.request('POST', '/api/v1/sla-policies/preview', { body: { ...draft, carrier: '*' } });
    expect(fanOut.body).toMatchObject({ state: 'breaching', value: 0.25, worst: { carrier: 'pol-bad' }, breachingScopes: 1 });
    expect((fanOut.body.instances as { carrier: string }[]).map((instance) => instance.carrier).sort()).toEqual(['pol-bad', 'pol-good']);
    const unmet = await app.request('POST', '/api/v1/sla-policies/preview', { body: { ...draft, minSample: 50 } });
    expect(unmet.body).toMatchObject({ state: 'no_data', sample: 4 });
    expect(await policyCount()).toBe(before);
    expect(await app.sql('SELECT id FROM breaches')).toEqual([]);
  });

  it('a draft the API would not save is a 400 naming the field, not a preview', async () => {
    const response = await app.request('POST', '/api/v1/sla-policies/preview', { body: firstAttemptPolicy({ threshold: '95%' }) });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(['threshold must be a number']);
    const typo = await app.request('POST', '/api/v1/sla-policies/preview', { body: firstAttemptPolicy({ carrier: 'pol-typo' }) });
    expect(typo.status).toBe(400);
    expect(typo.body.errors).toEqual(["carrier 'pol-typo' is not a registered carrier"]);
  });

  it('the list carries each policy state from its last evaluation, and a deleted policy is gone', async () => {
    const bad = await createPolicy(app, firstAttemptPolicy({ name: 'state bad', carrier: 'pol-bad' }));
    const good = await createPolicy(app, firstAttemptPolicy({ name: 'state good', carrier: 'pol-good' }));
    const listed = async () => (await app.request('GET', '/api/v1/sla-policies')).body as unknown as { id: string; status: PolicyStatus }[];
    expect((await listed()).find((policy) => policy.id === bad)?.status).toMatchObject({ state: 'not_evaluated', value: null, lastEvaluatedAt: null });
    const asOf = new Date().toISOString();
    await evaluate(app, asOf);
    const policies = await listed();
    const badStatus = policies.find((policy) => policy.id === bad)?.status as PolicyStatus;
    expect(badStatus).toMatchObject({ state: 'breaching', value: 0.25, sample: 4, lastEvaluatedAt: asOf });
    expect(Date.parse(badStatus.nextEvaluationAt as string)).toBeGreaterThan(Date.parse(asOf));
    expect(policies.find((policy) => policy.id === good)?.status).toMatchObject({ state: 'ok', value: 1, sample: 4 });
    // An evaluation replayed at an earlier instant does not overwrite the latest state.
    await evaluate(app, new Date(Date.parse(asOf) - DAY_MS).toISOString());
    expect((await listed()).find((policy) => policy.id === bad)?.status.lastEvaluatedAt).toBe(asOf);

    expect((await app.request('DELETE', `/api/v1/sla-policies/${bad}`)).status).toBe(204);
    expect((await listed()).map((policy) => policy.id)).not.toContain(bad);
    expect(await app.sql('SELECT id FROM breaches WHERE policy_id = $1', [bad])).toEqual([]);
    expect((await app.request('DELETE', `/api/v1/sla-policies/${bad}`)).status).toBe(404);
    expect((await app.request('DELETE', `/api/v1/sla-policies/${good}`, { token: null })).status).toBe(401);
  });

  it('an acknowledgement needs a note, and can be undone and made again', async () => {
    await createPolicy(app, firstAttemptPolicy({ name: 'ack', carrier: 'pol-bad' }));
    const breachId = (await evaluate(app, new Date().toISOString())).policies.flatMap((policy) => policy.scopes).find((scope) => scope.breachId)?.breachId as string;
    const acknowledge = (body: unknown) => app.request('POST', `/api/v1/breaches/${breachId}/acknowledge`, { body });
    for (const body of [{}, { note: '' }, { note: '   ' }, { note: null }]) {
      const refused = await acknowledge(body);
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual(['note is required: say what is being done about the breach']);
    }
    const nul = await acknowledge({ note: 'depot\u0000strike' });
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([expect.stringMatching(/^note holds .*NUL/)]);
    expect((await acknowledge({ note: '  depot strike  ' })).body).toMatchObject({ status: 'acknowledged', acknowledgedNote: 'depot strike' });

    const undone = await app.request('POST', `/api/v1/breaches/${breachId}/unacknowledge`);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ status: 'open', acknowledgedAt: null, acknowledgedBy: null, acknowledgedNote: null });
    const again = await app.request('POST', `/api/v1/breaches/${breachId}/unacknowledge`);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('not acknowledged');
    const reacknowledged = await acknowledge({ note: 'customers informed' });
    expect(reacknowledged.body).toMatchObject({ status: 'acknowledged', acknowledgedNote: 'customers informed' });
    expect((reacknowledged.body.transitions as { transition: string }[]).map((t) => t.transition)).toEqual(['opened', 'acknowledged', 'ack_undone', 'acknowledged']);
    expect((await app.request('POST', '/api/v1/breaches/00000000-0000-4000-8000-000000000000/unacknowledge')).status).toBe(404);
  });
});
