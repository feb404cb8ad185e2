import { LanewatchApp } from './support/lanewatch-app';
import { Event, postEvents } from './support/sla-feed';

// A small crafted feed whose exception report is computed by hand below. Windows: the current one
// [11-01, 11-11), the previous one [10-22, 11-01); the watchlist is read at 12-05 00:00 UTC, so
// silent means a latest physical event before 11-25 and a lost candidate no event since 10-06.
const FROM = '2026-11-01T00:00:00Z';
const TO = '2026-11-11T00:00:00Z';
const AS_OF = '2026-12-05T00:00:00Z';
const WINDOW = `from=${FROM}&to=${TO}&asOf=${AS_OF}`;

function parcel(carrier: string, trackingNumber: string, lane: [string, string], promisedBy: string | null, steps: [string, string, string?][]): Event[] {
  return steps.map(([day, milestone, reason], index) => ({
    carrier,
    trackingNumber,
    milestone,
    occurredAt: `2026-${day}T08:00:00Z`,
    ...(reason ? { reason } : {}),
    ...(index === 0 ? { shipment: { origin: lane[0], destination: lane[1], serviceLevel: 'standard', ...(promisedBy ? { promisedBy: `2026-${promisedBy}T23:59:59Z` } : {}) } } : {}),
  }));
}

const FR: [string, string] = ['CN', 'FR'];
const BR: [string, string] = ['CN', 'BR'];
const FEED: Event[] = [
  // alpha CN-FR, current window
  ...parcel('alpha', 'ALPHA0001', FR, '11-05', [['11-02', 'ACCEPTED'], ['11-03', 'EXCEPTION', 'WEATHER'], ['11-08', 'DELIVERED']]),
  ...parcel('alpha', 'ALPHA0002', FR, '11-05', [['11-02', 'ACCEPTED'], ['11-04', 'DELIVERY_FAILED', 'RECIPIENT_ABSENT'], ['11-06', 'DELIVERED']]),
  ...parcel('alpha', 'ALPHA0003', FR, '11-20', [['11-03', 'ACCEPTED'], ['11-05', 'DELIVERY_FAILED']]),
  ...parcel('alpha', 'ALPHA0004', FR, '11-20', [['11-03', 'ACCEPTED'], ['11-04', 'EXCEPTION', 'DAMAGED']]),
  ...parcel('alpha', 'ALPHA0005', FR, '11-10', [['11-04', 'ACCEPTED'], ['11-05', 'DELIVERED']]),
  ...parcel('alpha', 'ALPHA0006', FR, '11-20', [['11-05', 'ACCEPTED'], ['11-20', 'LOST']]),
  // alpha CN-FR, previous window (and one older, lost candidate)
  ...parcel('alpha', 'ALPHA0101', FR, '10-30', [['10-25', 'ACCEPTED'], ['10-27', 'DELIVERED']]),
  ...parcel('alpha', 'ALPHA0102', FR, '10-30', [['10-25', 'ACCEPTED'], ['10-26', 'EXCEPTION', 'ADDRESS_INCORRECT'], ['10-28', 'DELIVERED']]),
  ...parcel('alpha', 'ALPHA0103', FR, null, [['10-01', 'ACCEPTED']]),
  ...parcel('alpha', 'ALPHA0104', FR, null, [['10-23', 'ACCEPTED']]),
  // beta CN-BR, current window
  ...parcel('beta', 'BETA0001', BR, null, [['11-02', 'ACCEPTED'], ['11-04', 'DELIVERY_FAILED', 'RECIPIENT_ABSENT']]),
  ...parcel('beta', 'BETA0002', BR, null, [['11-06', 'ACCEPTED'], ['12-01', 'RETURN_IN_TRANSIT']]),
];

interface Row {
  carrier: string;
  corridor: string | null;
  current: Record<string, unknown>;
  previous: Record<string, unknown>;
  change: Record<string, number | null>;
}

describe('exception report and watchlist', () => {
  let app: LanewatchApp;
  let betaKey: string;

  /** Every parcel of a list, paging two at a time through the cursor. */
  const listed = async (query: string, token?: string) => {
    const found: string[] = [];
    let cursor: string | null = null;
    let total = -1;
    do {
      const response = await app.request('GET', `/api/v1/exceptions/parcels?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, token === undefined ? {} : { token });
      expect(response.status).toBe(200);
      total = response.body.total as number;
      found.push(...(response.body.parcels as { trackingNumber: string }[]).map((parcel) => parcel.trackingNumber));
      cursor = response.body.nextCursor as string | null;
    } while (cursor);
    expect(found.length).toBe(total);
    return found.sort();
  };

  beforeAll(async () => {
    app = await LanewatchApp.start();
    await app.createCarrier('alpha');
    betaKey = (await app.createCarrier('beta')).apiKey;
    await postEvents(app, FEED);
    // Every leg derived (its facts written) and every rollup delta folded, not only every batch stored.
    await app.waitFor(
      async () => {
        const status = (await app.status()) as unknown as Record<string, number>;
        const [{ legs }] = await app.sql<{ legs: number }>('SELECT count(*)::int AS legs FROM leg_facts');
        return status.pendingBatches === 0 && status.derivationBacklog === 0 && legs === 12;
      },
      60_000,
      'the facts of all 12 legs',
    );
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('counts exceptions, categories and reasons per carrier and lane against the previous window', async () => {
    const response = await app.request('GET', `/api/v1/exceptions?${WINDOW}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-11T00:00:00.000Z', previousFrom: '2026-10-22T00:00:00.000Z', previousTo: FROM.replace('Z', '.000Z') });
    const rows = response.body.rows as unknown as Row[];
    // both at 50 %: a tie goes by carrier code
    expect(rows.map((row) => [row.carrier, row.corridor])).toEqual([['alpha', 'CN-FR'], ['beta', 'CN-BR']]);
    const [alpha, beta] = rows;
    expect(alpha.current).toEqual({
      parcels: 6,
      exceptions: 3,
      categories: { weather: 1, damaged: 1, lost: 1 },
      failedAttempts: 2,
      failureReasons: { RECIPIENT_ABSENT: 1, UNKNOWN: 1 },
      delivered: 3,
      late: 2,
      lateReasons: { 'exception:weather': 1, 'failed_attempt:RECIPIENT_ABSENT': 1 },
      exceptionRate: 0.5,
      failedAttemptRate: 2 / 6,
      lateRate: 2 / 3,
    });
    expect(alpha.previous).toMatchObject({ parcels: 3, exceptions: 1, categories: { address: 1 }, failedAttempts: 0, delivered: 2, late: 0 });
    expect(alpha.change.exceptionRate).toBeCloseTo(0.5 - 1 / 3, 12);
    expect(beta.current).toMatchObject({ parcels: 2, exceptions: 1, categories: { returned: 1 }, failedAttempts: 1, failureReasons: { RECIPIENT_ABSENT: 1 }, delivered: 0, late: 0, lateRate: null });
    expect(beta.previous).toMatchObject({ parcels: 0, exceptionRate: null });
    expect(beta.change.exceptionRate).toBeNull();
    expect(response.body.watch).toEqual([
      { carrier: 'alpha', corridor: 'CN-FR', silent: 4, lost: 1, openExceptions: 1, failedAttempts: 1 },
      { carrier: 'beta', corridor: 'CN-BR', silent: 1, lost: 0, openExceptions: 0, failedAttempts: 1 },
    ]);
  });

  it('drills down from every count to exactly its parcels', async () => {
    const alpha = `carrier=alpha&corridor=CN-FR&${WINDOW}`;
    expect(await listed(`kind=parcels&${alpha}`)).toEqual(['ALPHA0001', 'ALPHA0002', 'ALPHA0003', 'ALPHA0004', 'ALPHA0005', 'ALPHA0006']);
    expect(await listed(`kind=exception&${alpha}`)).toEqual(['ALPHA0001', 'ALPHA0004', 'ALPHA0006']);
    expect(await listed(`kind=exception&category=damaged&${alpha}`)).toEqual(['ALPHA0004']);
    expect(await listed(`kind=failed&${alpha}`)).toEqual(['ALPHA0002', 'ALPHA0003']);
    expect(await listed(`kind=failed&reason=UNKNOWN&${alpha}`)).toEqual(['ALPHA0003']);
    expect(await listed(`kind=late&${alpha}`)).toEqual(['ALPHA0001', 'ALPHA0002']);
    expect(await listed(`kind=late&reason=exception:weather&${alpha}`)).toEqual(['ALPHA0001']);
    // the previous window's count links to the previous window's parcels
    expect(await listed(`kind=exception&carrier=alpha&from=2026-10-22T00:00:00Z&to=${FROM}`)).toEqual(['ALPHA0102']);
    // watchlist kinds at asOf
    expect(await listed(`kind=silent&carrier=alpha&asOf=${AS_OF}`)).toEqual(['ALPHA0003', 'ALPHA0004', 'ALPHA0103', 'ALPHA0104']);
    expect(await listed(`kind=lost&asOf=${AS_OF}`)).toEqual(['ALPHA0103']);
    expect(await listed(`kind=open_exception&asOf=${AS_OF}`)).toEqual(['ALPHA0004']);
    expect(await listed(`kind=failed_attempt&asOf=${AS_OF}`)).toEqual(['ALPHA0003', 'BETA0001']);
    expect(await listed(`kind=silent&carrier=beta&asOf=${AS_OF}`)).toEqual(['BETA0001']);
  });

  it('agrees with the scorecard on silent and lost parcels at asOf', async () => {
    const scorecard = await app.request('GET', `/api/v1/carriers/alpha/scorecard?asOf=${AS_OF}`);
    expect(scorecard.status).toBe(200);
    expect(scorecard.body.silence).toMatchObject({ silent: 4, lost: 1 });
  });

  it('sorts, and exports every parcel of a list as CSV', async () => {
    const oldestFirst = await app.request('GET', `/api/v1/exceptions/parcels?kind=silent&asOf=${AS_OF}&sort=lastEventAt`);
    expect((oldestFirst.body.parcels as { trackingNumber: string; daysSilent: number }[]).map((parcel) => [parcel.trackingNumber, parcel.daysSilent])).toEqual([
      ['ALPHA0103', 64],
      ['ALPHA0104', 42],
      // the same instant (11-04 08:00): the earlier stored leg first
      ['ALPHA0004', 30],
      ['BETA0001', 30],
      ['ALPHA0003', 29],
    ]);
    const newestStartFirst = await app.request('GET', `/api/v1/exceptions/parcels?kind=silent&asOf=${AS_OF}&sort=-legStartAt&limit=1`);
    // ALPHA0003 and ALPHA0004 both started 11-03 08:00: descending, the later stored leg first
    expect((newestStartFirst.body.parcels as { trackingNumber: string }[])[0].trackingNumber).toBe('ALPHA0004');
    const csv = await app.request('GET', `/api/v1/exceptions/parcels?kind=failed&carrier=alpha&${WINDOW}&format=csv&limit=1`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = String(csv.body).trim().split('\n');
    expect(lines[0]).toBe('carrier,trackingNumber,corridor,serviceLevel,legStartAt,lastEventAt,daysSilent,status,exceptionCategory,exceptionOpen,failedAttempts,failureReason,onTime,lateReason');
    expect(lines.slice(1).map((line) => line.split(',').slice(1, 2)[0]).sort()).toEqual(['ALPHA0002', 'ALPHA0003']);
    expect(lines.find((line) => line.includes('ALPHA0002'))).toContain(',RECIPIENT_ABSENT,false,failed_attempt:RECIPIENT_ABSENT');
  });

  it('confines a carrier key to its own parcels', async () => {
    const report = await app.request('GET', `/api/v1/exceptions?${WINDOW}`, { token: betaKey });
    expect(report.status).toBe(200);
    expect((report.body.rows as unknown as Row[]).map((row) => row.carrier)).toEqual(['beta']);
    expect((report.body.watch as unknown as Row[]).map((row) => row.carrier)).toEqual(['beta']);
    expect(await listed(`kind=failed_attempt&asOf=${AS_OF}`, betaKey)).toEqual(['BETA0001']);
    expect(await listed(`kind=parcels&${WINDOW}`, betaKey)).toEqual(['BETA0001', 'BETA0002']);
    for (const path of [`/api/v1/exceptions?carrier=alpha&${WINDOW}`, `/api/v1/exceptions/parcels?kind=silent&carrier=alpha`]) {
      expect((await app.request('GET', path, { token: betaKey })).status).toBe(403);
    }
    const csv = await app.request('GET', `/api/v1/exceptions/parcels?kind=silent&asOf=${AS_OF}&format=csv`, { token: betaKey });
    expect(String(csv.body)).not.toContain('ALPHA');
  });

  it('answers a precise 4xx to bad queries', async () => {
    const late = await app.request('GET', '/api/v1/exceptions/parcels?kind=late');
    expect(late.status).toBe(400);
    expect(late.body.errors).toEqual(['kind late needs from and to (the window the parcels started in)']);
    expect((await app.request('GET', '/api/v1/exceptions/parcels?cursor=%ZZ')).status).toBe(400);
    expect((await app.request('GET', `/api/v1/exceptions?from=${TO}&to=${FROM}`)).status).toBe(400);
    expect((await app.request('GET', '/api/v1/exceptions?carrier=nobody')).status).toBe(404);
    expect((await app.request('GET', '/api/v1/exceptions', { token: null })).status).toBe(401);
  });
});
