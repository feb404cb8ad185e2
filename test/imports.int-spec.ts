import { LanewatchApp } from './support/lanewatch-app';

// formats.md CSV bulk file: a 200,000-row file streamed through POST /api/v1/imports with the
// carrier's saved mapping; progress readable while it runs; stored events equal the valid rows.
describe('CSV bulk import', () => {
  let app: LanewatchApp;
  let correiosKey: string;
  const ROWS = 200_000;
  const CODES = ['EMA', 'EMB', 'EMC', 'EMD', 'EDB', 'EDC', 'EMF', 'EDG', 'EMH', 'EMI'];

  beforeAll(async () => {
    app = await LanewatchApp.start();
    correiosKey = (await app.createCarrier('correios')).apiKey;
  });
  afterAll(() => app?.stop());

  /** Row n: parcel n / 10, event n % 10; every 997th row lacks its number, every 1009th has no usable time. */
  function buildFile(): { csv: string; valid: number; invalidLines: number[] } {
    const lines = ['tracking,status,when,tz,country,city'];
    const invalidLines: number[] = [];
    for (let n = 0; n < ROWS; n += 1) {
      const parcel = Math.floor(n / 10);
      const at = new Date(Date.UTC(2026, 8, 1) + parcel * 60_000 + (n % 10) * 3_600_000).toISOString().slice(0, 19);
      const line = n + 2;
      if (n % 997 === 996) {
        invalidLines.push(line);
        lines.push(`,EMA,${at},,BR,Curitiba`);
      } else if (n % 1009 === 1008) {
        invalidLines.push(line);
        lines.push(`NL${String(parcel).padStart(9, '0')}BR,${CODES[n % 10]},not a date,,BR,Curitiba`);
      } else {
        // A third carry an offset, a third a time-zone column, a third fall back to the default zone.
        const when = n % 3 === 0 ? `${at}-03:00` : at;
        const tz = n % 3 === 1 ? 'America/Manaus' : '';
        lines.push(`NL${String(parcel).padStart(9, '0')}BR,${CODES[n % 10]},${when},${tz},BR,"Curitiba, PR"`);
      }
    }
    return { csv: `${lines.join('\n')}\n`, valid: ROWS - invalidLines.length, invalidLines };
  }

  it('refuses a mapping that does not name the required columns', async () => {
    const response = await app.request('PUT', '/api/v1/carriers/correios/import-mapping', { body: { columns: { code: 'status' }, defaultTimeZone: 'Mars/Olympus' } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining(['defaultTimeZone: defaultTimeZone must be an IANA time zone such as America/Sao_Paulo']));
  });

  it('imports 200,000 rows with progress visible during the run; stored events equal the valid rows', async () => {
    const mapping = {
      columns: { trackingNumber: 'tracking', code: 'status', occurredAt: 'when', country: 'country', city: 'city' },
      timeZoneColumn: 'tz',
      defaultTimeZone: 'America/Sao_Paulo',
    };
    expect((await app.request('PUT', '/api/v1/carriers/correios/import-mapping', { body: mapping })).status).toBe(200);
    const { csv, valid, invalidLines } = buildFile();

    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'correios-2026-09.csv');
    const upload = fetch(`${app.apiUrl}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${correiosKey}` }, body: form });

    let midRun: { status: string; rowsRead: number } | null = null;
    await app.waitFor(
      async () => {
        const list = await app.request('GET', '/api/v1/imports', { token: correiosKey });
        const current = (list.body.imports as { status: string; rowsRead: number }[])[0];
        if (current && current.status === 'running' && current.rowsRead > 0 && current.rowsRead < ROWS) midRun = current;
        return midRun !== null || (current !== undefined && current.status !== 'running');
      },
      120_000,
      'the import to show progress',
    );
    expect(midRun).toMatchObject({ status: 'running' });

    const response = await upload;
    expect(response.status).toBe(201);
    const summary = (await response.json()) as { importId: string; status: string; rowsRead: number; accepted: number; rejected: number; batches: number };
    expect(summary).toMatchObject({ status: 'completed', rowsRead: ROWS, accepted: valid, rejected: invalidLines.length, batches: ROWS / 5000 });

    const rejections = await fetch(`${app.apiUrl}/api/v1/imports/${summary.importId}/rejections.csv`, { headers: { authorization: `Bearer ${correiosKey}` } });
    const rejectedLines = (await rejections.text()).trim().split('\n').slice(1).map((line) => Number(line.split(',')[0]));
    expect(rejectedLines).toEqual(invalidLines);

    await app.waitForIdle(600_000);
    const [stored] = await app.sql<{ count: string }>(`SELECT count(*) AS count FROM events`);
    expect(Number(stored.count)).toBe(valid);
    // The three time sources: an offset, the row's zone, the default zone.
    const journey = await app.request('GET', '/api/v1/shipments/correios/NL000000000BR');
    expect((journey.body.events as { occurredAtLocal: string }[]).map((event) => event.occurredAtLocal)).toEqual(expect.arrayContaining([
      '2026-09-01T00:00:00-03:00',
      '2026-09-01T01:00:00-04:00',
      '2026-09-01T02:00:00-03:00',
    ]));
    // 200k rows take about 30 s alone; the limit only guards against a hang on a loaded machine.
  }, 600_000);
});
