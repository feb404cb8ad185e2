import { LanewatchApp } from './support/lanewatch-app';
import { createPolicy, evaluate, firstAttemptPolicy, parcels, postEvents } from './support/sla-feed';

// Issue 15 points 4 and 5 through the real API and worker: since when the metric has been on the wrong
// side (from the evaluation history), the instant asked for as the last evaluation, the carrier's name,
// and evidence that says how many parcels matched, why they failed, and exports all of them.

interface ApiBreach {
  id: string;
  carrier: string;
  carrierName: string | null;
  value: number;
  sample: number;
  openedAt: string;
  lastEvaluatedAt: string;
  wrongSideSince: string;
  evidence: { matching: number; sample: number; successes: number; parcels: { trackingNumber: string; value: number | null; reason: string; failureReason?: string | null }[] };
}

describe('breaches: since when, and their evidence', () => {
  let app: LanewatchApp;

  beforeAll(async () => {
    app = await LanewatchApp.start({ env: { SLA_REMINDER_MINUTES: '0', SLA_EVALUATION_INTERVAL_MS: '86400000' } });
  });
  afterAll(() => app?.stop());

  it('a breach says since when its metric has been past the target, updates in the same quarter hour and exports every parcel', async () => {
    await app.createCarrier('ov-post');
    const policyId = await createPolicy(app, firstAttemptPolicy({ name: 'OV first attempt', carrier: 'ov-post', corridor: 'CN-BR', minSample: 6, threshold: 0.8 }));

    // Past the target already, but below minSample: no breach yet, yet the evaluation is remembered.
    await postEvents(app, parcels('ov-post', 'OV', '2026-08-03', { good: 1, bad: 2 }));
    const early = await evaluate(app, '2026-08-04T09:05:00Z');
    expect(early.policies.find((policy) => policy.policyId === policyId)?.scopes[0]).toMatchObject({ verdict: 'insufficient_data', action: 'none' });

    await postEvents(app, parcels('ov-post', 'OV', '2026-08-04', { good: 2, bad: 10, from: 4 }));
    await evaluate(app, '2026-08-05T09:08:00Z');
    const [opened] = await openBreaches(policyId);
    expect(opened).toMatchObject({
      carrier: 'ov-post',
      carrierName: 'OV-POST',
      value: 3 / 15,
      sample: 15,
      openedAt: '2026-08-05T09:08:00.000Z',
      lastEvaluatedAt: '2026-08-05T09:08:00.000Z',
      wrongSideSince: '2026-08-04T09:05:00.000Z',
    });
    // "10 of 12": ten stored, twelve matched; each with the carrier's failure reason and the days to the attempt.
    expect(opened.evidence.parcels).toHaveLength(10);
    expect(opened.evidence.matching).toBe(12);
    for (const parcel of opened.evidence.parcels) {
      expect(parcel.failureReason).toBe('ADDRESSEE_ABSENT');
      expect(parcel.value).toBeCloseTo(10 / 24, 6);
    }

    // Late parcels of the same window, evaluated again within the same quarter hour: the value and the last evaluation move.
    await postEvents(app, parcels('ov-post', 'OV', '2026-08-04', { good: 3, bad: 0, from: 16 }));
    await evaluate(app, '2026-08-05T09:13:00Z');
    const [updated] = await openBreaches(policyId);
    expect(updated).toMatchObject({ id: opened.id, value: 6 / 18, sample: 18, lastEvaluatedAt: '2026-08-05T09:13:00.000Z', wrongSideSince: '2026-08-04T09:05:00.000Z' });

    const detail = await app.request('GET', `/api/v1/breaches/${opened.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.history).toEqual([
      { at: '2026-08-04T09:05:00.000Z', value: 1 / 3, sample: 3, verdict: 'insufficient_data' },
      { at: '2026-08-05T09:08:00.000Z', value: 3 / 15, sample: 15, verdict: 'violates' },
      { at: '2026-08-05T09:13:00.000Z', value: 6 / 18, sample: 18, verdict: 'violates' },
    ]);

    const all = await app.request('GET', `/api/v1/breaches/${opened.id}/evidence`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 12, truncated: false });
    const exported = all.body.parcels as { trackingNumber: string; failureReason: string }[];
    expect(exported.map((parcel) => parcel.trackingNumber).sort()).toEqual(Array.from({ length: 10 }, (_, index) => `OV${String(index + 6).padStart(4, '0')}`).concat(['OV0002', 'OV0003']).sort());
  });

  // A path id that is not a UUID names nothing: 404 like every other breach route, never a database error.
  it('the evidence export answers 404 for a malformed id and for an unknown breach', async () => {
    const malformed = await app.request('GET', '/api/v1/breaches/not-a-uuid/evidence');
    expect(malformed.status).toBe(404);
    const unknown = await app.request('GET', '/api/v1/breaches/00000000-0000-4000-8000-000000000000/evidence');
    expect(unknown.status).toBe(404);
  });

  async function openBreaches(policyId: string): Promise<ApiBreach[]> {
    const response = await app.request('GET', '/api/v1/breaches?status=open');
    expect(response.status).toBe(200);
    return (response.body as unknown as (ApiBreach & { policyId: string })[]).filter((breach) => breach.policyId === policyId);
  }
});
