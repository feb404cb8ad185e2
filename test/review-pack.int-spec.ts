import { createDataSource } from '@lanewatch/db';
import { parseSlaContract } from '@lanewatch/domain';
import { applySlaContract } from '@lanewatch/sla';
import { evaluate, parcels } from './support/sla-feed';
import { LanewatchApp } from './support/lanewatch-app';
import { pdfText } from './support/pdf-text';

// contracts.md §4: the monthly review pack of a carrier, as JSON, CSV and PDF, from a crafted feed:
// November 2026 has 1 parcel delivered at the first attempt and 4 that failed it first (addressee
// absent); October has 5 first-attempt deliveries. Its first-attempt term (>= 90 %) is missed in
// November (1/5) and met in October (5/5); the breach opened on 8 November is still active.
const CARRIER = 'revco';
const AS_OF = '2026-12-02T00:00:00Z';
// Its contract: the first-attempt term costs 10 EUR per day of an active breach, at most 100 EUR a month.
const CONTRACT = `
contract: revco-2026
carrier: ${CARRIER}
effectiveFrom: 2026-01-01
currency: EUR
invoice: { ratePerParcel: "2.00" }
monthlyCap: { amount: "100.00" }
policies:
  - name: First attempt 90%
    metric: first_attempt_rate
    op: gte
    threshold: 0.9
    windowDays: 7
    minSample: 3
    severity: critical
    consequence: { kind: per_breach_day, amount: "10.00" }
`;

async function applyContract(databaseUrl: string, text = CONTRACT): Promise<void> {
  const parsed = parseSlaContract(text);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const dataSource = createDataSource(databaseUrl, { poolSize: 1 });
  await dataSource.initialize();
  try {
    await applySlaContract(dataSource, parsed.value);
  } finally {
    await dataSource.destroy();
  }
}

describe('monthly review pack', () => {
  let app: LanewatchApp;
  let ownKey: string;
  let otherKey: string;
  let breachId: string;

  beforeAll(async () => {
    app = await LanewatchApp.start({ env: { SLA_REMINDER_MINUTES: '0', SLA_EVALUATION_INTERVAL_MS: '86400000' } });
    ownKey = (await app.createCarrier(CARRIER)).apiKey;
    otherKey = (await app.createCarrier('elsewhere')).apiKey;
    const events = [...parcels(CARRIER, 'REVNOV', '2026-11-05', { good: 1, bad: 4 }), ...parcels(CARRIER, 'REVOCT', '2026-10-10', { good: 5, bad: 0 })];
    const posted = await app.request('POST', '/api/v1/events', { body: { events } });
    expect(posted.status).toBe(202);
    await app.waitForIdle();
    await applyContract(app.databaseUrl);
    await evaluate(app, '2026-11-08T00:00:00Z');
    const breaches = await app.request('GET', `/api/v1/carriers/${CARRIER}/breaches`);
    expect(breaches.body).toHaveLength(1);
    breachId = (breaches.body as unknown as { id: string }[])[0].id;
  });
  afterAll(() => app?.stop());

  it('measures every term over the month with the month before beside it, and the breaches with how long they lasted', async () => {
    const response = await app.request('GET', `/api/v1/carriers/${CARRIER}/review/2026-11?asOf=${AS_OF}`);
    expect(response.status).toBe(200);
    const pack = response.body;
    expect(pack).toMatchObject({
      carrier: { code: CARRIER },
      month: '2026-11',
      previousMonth: '2026-10',
      timeZone: 'UTC',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      totals: { current: { parcels: 5, failedAttempts: 4 }, previous: { parcels: 5, failedAttempts: 0 } },
      terms: [
        {
          name: 'First attempt 90%',
          metric: 'first_attempt_rate',
          current: { value: 0.2, sample: 5, verdict: 'violates' },
          previous: { value: 1, sample: 5, verdict: 'complies' },
        },
      ],
      statement: { status: 'draft', currency: 'EUR', lines: [{ term: 'First attempt 90%', consequence: 'per_breach_day' }], disputes: [] },
      statementNote: null,
    });
    // The statement part is the statement service's: 23 days of November with the breach active (8th to 30th), 230 EUR capped at 100.
    const statement = pack.statement as unknown as { totalBeforeCap: string; totalAfterCap: string; lines: { amount: string; arithmetic: string }[] };
    expect(statement.lines[0].amount).toBe('230.00');
    expect(statement).toMatchObject({ totalBeforeCap: '230.00', totalAfterCap: '100.00' });
    const [breach] = pack.breaches as unknown as { id: string; openedAt: string; resolvedAt: string | null; lastedHours: number; daysInMonth: number }[];
    expect(breach).toMatchObject({ id: breachId, resolvedAt: null });
    // Still active: it lasted from its opening to asOf, and from its opening to the month's end inside the month.
    const openedMs = Date.parse(breach.openedAt);
    expect(breach.lastedHours).toBeCloseTo((Date.parse(AS_OF) - openedMs) / 3_600_000, 2);
    expect(breach.daysInMonth).toBeCloseTo((Date.parse('2026-12-01T00:00:00Z') - openedMs) / 86_400_000, 2);
    expect(pack.reasons).toEqual(expect.arrayContaining([{ kind: 'failed', reason: 'ADDRESSEE_ABSENT', count: 4, previous: 0 }]));
    expect((pack.lanes as unknown as { corridor: string; failedAttempts: number }[])[0]).toMatchObject({ corridor: 'CN-BR', failedAttempts: 4 });
    const failed = (pack.parcels as unknown as { trackingNumber: string; miss: string }[]).filter((parcel) => parcel.miss === 'failed');
    expect(failed.map((parcel) => parcel.trackingNumber).sort()).toEqual(['REVNOV0002', 'REVNOV0003', 'REVNOV0004', 'REVNOV0005']);

    // October: no breach was active, the term was met.
    const october = await app.request('GET', `/api/v1/carriers/${CARRIER}/review/2026-10?asOf=${AS_OF}`);
    expect(october.body).toMatchObject({ breaches: [], terms: [{ current: { value: 1, verdict: 'complies' } }], totals: { current: { parcels: 5, failedAttempts: 0 } } });
  });

  it('serves the same figures as CSV', async () => {
    const response = await app.request('GET', `/api/v1/carriers/${CARRIER}/review/2026-11.csv?asOf=${AS_OF}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = String(response.body).trimEnd().split('\n');
    expect(lines[0]).toBe('section,item,measure,current,previous,note');
    expect(lines).toContain(`summary,carrier,code,${CARRIER},,${CARRIER.toUpperCase()}`);
    expect(lines).toContain('totals,parcels,count,5,5,');
    expect(lines).toContain('totals,failedAttempts,count,4,0,');
    expect(lines.find((line) => line.startsWith('term,First attempt 90%'))).toMatch(/^term,First attempt 90%,first_attempt_rate gte 0\.9,0\.2,1,violates \(n=5\); before: complies \(n=5\)$/);
    expect(lines.filter((line) => line.startsWith('breach,'))).toHaveLength(1);
    expect(lines).toContain('reason,ADDRESSEE_ABSENT,failed,4,0,');
  });

  it('prints a PDF whose text names the carrier, the month and the totals', async () => {
    const response = await fetch(`${app.apiUrl}/api/v1/carriers/${CARRIER}/review/2026-11.pdf?asOf=${AS_OF}`, { headers: { authorization: `Bearer ${app.adminToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(bytes)).text.replace(/\s+/g, ' ');
    expect(text).toContain(`Monthly review: ${CARRIER.toUpperCase()} (${CARRIER})`);
    expect(text).toContain('Month 2026-11, compared with 2026-10');
    expect(text).toContain('Parcels: 5 (previous month 5)');
    expect(text).toContain('Failed attempts: 4 (previous 0)');
    expect(text).toContain('This month 20.0 % on 5, missed; previous 100.0 % on 5, met');
    expect(text).toContain('Failed attempt: ADDRESSEE_ABSENT: 4 (previous 0)');
    expect(text).toContain('Statement draft: 230.00 EUR before the cap, 100.00 EUR after it.');
  });

  it("is the carrier's own: its key reads it, another carrier's key and user are refused; a bad month is a 400, an unknown carrier a 404", async () => {
    expect((await app.request('GET', `/api/v1/carriers/${CARRIER}/review/2026-11`, { token: ownKey })).status).toBe(200);
    expect((await app.request('GET', `/api/v1/carriers/${CARRIER}/review/2026-11`, { token: otherKey })).status).toBe(403);
    expect((await app.request('GET', `/api/v1/carriers/${CARRIER}/review/2026-11.pdf`, { token: otherKey })).status).toBe(403);
    const created = await app.request('POST', '/api/v1/users', { body: { email: 'ops@elsewhere.example', name: 'Elsewhere', role: 'carrier', carrier: 'elsewhere', password: 'elsewhere password' } });
    expect(created.status).toBe(201);
    const login = await app.request('POST', '/api/v1/auth/login', { token: null, body: { email: 'ops@elsewhere.example', password: 'elsewhere password' } });
    const session = login.body.token as string;
    expect((await app.request('GET', `/api/v1/carriers/${CARRIER}/review/2026-11.csv`, { token: session })).status).toBe(403);
    const own = await app.request('GET', '/api/v1/carriers/elsewhere/review/2026-11', { token: session });
    expect(own.body).toMatchObject({ carrier: { code: 'elsewhere' }, statement: null, statementNote: 'no statement: no contract of this carrier is in force for the month' });
    expect((await app.request('GET', `/api/v1/carriers/${CARRIER}/review/2026-13`)).status).toBe(400);
    expect((await app.request('GET', `/api/v1/carriers/${CARRIER}/review/2026-11?asOf=yesterday`)).status).toBe(400);
    expect((await app.request('GET', '/api/v1/carriers/nosuch/review/2026-11')).status).toBe(404);
    expect((await app.request('GET', '/api/v1/carriers/a%00b/review/2026-11')).status).toBe(400);
    expect((await app.request('GET', `/api/v1/carriers/${'x'.repeat(300)}/review/2026-11`)).status).toBe(404);
    expect((await app.request('GET', `/api/v1/carriers/${CARRIER}/review/2026-11%00.pdf`)).status).toBe(400);
  });

  it("draws the months in the contract's time zone, as its statement does", async () => {
    await app.createCarrier('brco');
    const contract = `
contract: brco-2026
carrier: brco
effectiveFrom: 2026-01-01
timeZone: America/Sao_Paulo
policies:
  - name: BR first attempt
    metric: first_attempt_rate
    op: gte
    threshold: 0.9
    windowDays: 7
`;
    await applyContract(app.databaseUrl, contract);
    const pack = await app.request('GET', `/api/v1/carriers/brco/review/2026-11?asOf=${AS_OF}`);
    expect(pack.body).toMatchObject({ timeZone: 'America/Sao_Paulo', from: '2026-11-01T03:00:00.000Z', to: '2026-12-01T03:00:00.000Z', statement: { status: 'draft' } });
    const statement = await app.request('GET', `/api/v1/carriers/brco/statements/2026-11?asOf=${AS_OF}`);
    expect(statement.body).toMatchObject({ statement: { period: { from: '2026-11-01T03:00:00.000Z' } } });
  });
});
