import { signAfterShip } from '@lanewatch/formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LanewatchApp } from './support/lanewatch-app';
import { chunk, importHead, multipartFile, RawConnection } from './support/raw-http';

// events.md §8: a malformed, oversized, rejected or aborted upload ends that upload only: a 4xx that
// names the problem, the import marked failed with its reason, the connection drained or closed,
// and the API process alive and serving. Each test is a finding of issue 12.
const MiB = 1024 * 1024;
const LIMITS = { file: 16 * MiB, row: 8192, field: 1024, heartbeatMs: 250 };
const ANSWER_MS = 15_000;
const MAPPING = { columns: { trackingNumber: 'tracking', milestone: 'milestone', occurredAt: 'when' } };
const HEADER = 'tracking,milestone,when\n';
const rows = (count: number, prefix = 'HS') =>
  Array.from({ length: count }, (_, n) => `${prefix}${String(n).padStart(8, '0')}BR,ACCEPTED,2026-09-01T10:00:00Z\n`).join('');

interface ImportView {
  importId: string;
  status: string;
  fileName: string | null;
  rowsRead: number;
  error: string | null;
}

describe('CSV import: hostile and broken uploads end only themselves', () => {
  let app: LanewatchApp;
  let key: string;
  let apiPid: number | null;

  beforeAll(async () => {
    app = await LanewatchApp.start({
      env: {
        IMPORT_MAX_FILE_BYTES: String(LIMITS.file),
        IMPORT_MAX_ROW_BYTES: String(LIMITS.row),
        IMPORT_MAX_FIELD_BYTES: String(LIMITS.field),
        IMPORT_HEARTBEAT_MS: String(LIMITS.heartbeatMs),
      },
      worker: false,
    });
    key = (await app.createCarrier('hostile')).apiKey;
    expect((await app.request('PUT', '/api/v1/carriers/hostile/import-mapping', { body: MAPPING })).status).toBe(200);
    apiPid = app.apiPid;
    expect(apiPid).not.toBeNull();
  });
  afterAll(() => app?.stop());

  const upload = async (content: string, fileName: string, contentType?: string) => {
    let body: FormData | string = content;
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, ...(contentType ? { 'content-type': contentType } : {}) };
    if (!contentType) {
      body = new FormData();
      body.append('file', new Blob([content], { type: 'text/csv' }), fileName);
    }
    const response = await fetch(`${app.apiUrl}/api/v1/imports`, { method: 'POST', headers, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const imports = async () => ((await app.request('GET', '/api/v1/imports', { token: key })).body.imports as ImportView[]) ?? [];
  const importNamed = async (fileName: string) => (await imports()).find((entry) => entry.fileName === fileName);
  const rawImport = async (head: string) => {
    const connection = await RawConnection.open(app.port);
    await connection.send(head);
    return connection;
  };
  const multipartType = (boundary: string) => `multipart/form-data; boundary=${boundary}`;

  /** The same API process is alive and still imports a well-formed file. */
  const expectServing = async () => {
    expect(app.apiPid).toBe(apiPid);
    const normal = await upload(HEADER + rows(3, 'OK'), 'normal.csv');
    expect(normal.status).toBe(201);
    expect(normal.body).toMatchObject({ status: 'completed', rowsRead: 3 });
  };

  it('a multipart body without its closing boundary fails only that import with 400; the API keeps serving', async () => {
    const boundary = 'no-closing-boundary';
    const body = multipartFile({ boundary, fileName: 'unclosed.csv', content: HEADER + rows(10), closed: false });
    const connection = await rawImport(importHead({ token: key, contentType: multipartType(boundary), contentLength: body.length }));
    await connection.send(body);
    const response = await connection.nextResponse(ANSWER_MS);
    connection.destroy();
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toMatch(/^the multipart body ended before its closing boundary/);
    expect(await importNamed('unclosed.csv')).toMatchObject({ status: 'failed', error: expect.stringMatching(/closing boundary/) });
    await expectServing();
  });

  it('multipart without a boundary parameter is a 400 naming it, not a 500', async () => {
    const response = await upload(HEADER + rows(1), 'unused.csv', 'multipart/form-data');
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('the Content-Type multipart/form-data has no boundary parameter; send multipart/form-data; boundary=…');
    await expectServing();
  });

  it("a quote opening inside a field (csv-parse's INVALID_OPENING_QUOTE) is a 400 naming where, not a 500", async () => {
    const response = await upload(`${HEADER}${rows(2)}NL1"23BR,ACCEPTED,2026-09-01T10:00:00Z\n`, 'opening-quote.csv');
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/^the CSV could not be read in the row after line 3: Invalid Opening Quote: .* at line 4/);
    expect(await importNamed('opening-quote.csv')).toMatchObject({ status: 'failed', error: response.body.message });
    await expectServing();
  });

  it('a field just over IMPORT_MAX_FIELD_BYTES is a 413 naming the line, the column and the bound', async () => {
    const response = await upload(`${HEADER}${rows(2)}${'X'.repeat(LIMITS.field + 1)},ACCEPTED,2026-09-01T10:00:00Z\n`, 'wide-field.csv');
    expect(response.status).toBe(413);
    expect(response.body.message).toBe(
      `line 4, column 'tracking': the field has ${LIMITS.field + 1} bytes; at most ${LIMITS.field} (IMPORT_MAX_FIELD_BYTES)`,
    );
    expect(await importNamed('wide-field.csv')).toMatchObject({ status: 'failed', error: response.body.message });
    await expectServing();
  });

  it('a row over IMPORT_MAX_ROW_BYTES (an unclosed quote swallowing the rest of the file) is a 413; the parser stops there', async () => {
    const swallowed = Array.from({ length: 400 }, (_, n) => `NL${n},ACCEPTED,2026-09-01T10:00:00Z`).join('\n');
    const response = await upload(`${HEADER}${rows(2)}"NL9,ACCEPTED,2026-09-01T10:00:00Z\n${swallowed}\n`, 'unclosed-quote.csv');
    expect(response.status).toBe(413);
    expect(response.body.message).toBe(`the row after line 3 has more than ${LIMITS.row} bytes (IMPORT_MAX_ROW_BYTES); an unclosed quote?`);
    await expectServing();
  });

  it('a file announced (Content-Length) over IMPORT_MAX_FILE_BYTES is a 413 before it is read, and the connection is closed', async () => {
    const boundary = 'announced-too-large';
    const connection = await rawImport(importHead({ token: key, contentType: multipartType(boundary), contentLength: LIMITS.file + MiB }));
    void connection.send(multipartFile({ boundary, fileName: 'announced.csv', content: HEADER + rows(100), closed: false })).catch(() => undefined);
    const response = await connection.nextResponse(ANSWER_MS);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).message).toBe(
      `the upload is ${LIMITS.file + MiB} bytes; a file may have at most ${LIMITS.file} bytes (IMPORT_MAX_FILE_BYTES)`,
    );
    expect(await connection.closedByServer(ANSWER_MS)).toBe(true);
    connection.destroy();
    await expectServing();
  });

  it('a file streamed (chunked) past IMPORT_MAX_FILE_BYTES is a 413 once it crosses the bound, and the connection is closed', async () => {
    const boundary = 'streamed-too-large';
    const connection = await rawImport(importHead({ token: key, contentType: multipartType(boundary) }));
    await connection.send(chunk(multipartFile({ boundary, fileName: 'streamed.csv', content: HEADER + rows(100), closed: false })));
    // Empty lines cost the parser nothing: the bound is crossed quickly without thousands of rows to commit.
    await connection.sendFiller(LIMITS.file + 4 * MiB, (piece) => chunk(piece));
    const response = await connection.nextResponse(ANSWER_MS);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).message).toBe(`the file is larger than ${LIMITS.file} bytes (IMPORT_MAX_FILE_BYTES)`);
    expect(await connection.closedByServer(ANSWER_MS)).toBe(true);
    expect(await importNamed('streamed.csv')).toMatchObject({ status: 'failed', error: JSON.parse(response.body).message });
    await expectServing();
  });

  it('an upload over 1 MB rejected for a missing mapped column gets its 400, and the same kept-alive connection serves the next request', async () => {
    const boundary = 'missing-column';
    const content = `tracking,status,when\n${rows(40_000)}`; // about 1.6 MB; 'milestone' is missing
    const body = multipartFile({ boundary, fileName: 'missing-column.csv', content });
    expect(body.length).toBeGreaterThan(MiB);
    const connection = await rawImport(importHead({ token: key, contentType: multipartType(boundary), contentLength: body.length }));
    const sending = connection.send(body);
    const response = await connection.nextResponse(ANSWER_MS);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toBe("the file has no column 'milestone' named by the import mapping");
    await sending; // the server read the rest of the body
    await connection.send(`GET /api/v1/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${key}\r\n\r\n`);
    const next = await connection.nextResponse(ANSWER_MS);
    connection.destroy();
    expect(next.status).toBe(200);
    expect((JSON.parse(next.body).imports as ImportView[]).find((entry) => entry.fileName === 'missing-column.csv')).toMatchObject({ status: 'failed' });
    await expectServing();
  });

  it('a rejected upload too large to be worth draining gets its answer, then the server closes the connection instead of hanging', async () => {
    const boundary = 'missing-column-large';
    const declared = 12 * MiB; // under the file bound, over what the server drains after a rejection
    const connection = await rawImport(importHead({ token: key, contentType: multipartType(boundary), contentLength: declared }));
    void connection.send(multipartFile({ boundary, fileName: 'large-missing.csv', content: `tracking,status,when\n${rows(50_000)}`, closed: false })).catch(() => undefined);
    const response = await connection.nextResponse(ANSWER_MS);
    expect(response.status).toBe(400);
    expect(await connection.closedByServer(ANSWER_MS)).toBe(true);
    connection.destroy();
    await expectServing();
  });

  it('a 401 to a large upload does not make the API read all of it: answered, then the connection is closed', async () => {
    const boundary = 'wrong-key';
    const connection = await rawImport(importHead({ token: 'not-a-key-0123456789', contentType: multipartType(boundary), contentLength: 12 * MiB }));
    void connection.send(multipartFile({ boundary, fileName: 'wrong-key.csv', content: HEADER + rows(20_000), closed: false })).catch(() => undefined);
    const response = await connection.nextResponse(ANSWER_MS);
    expect(response.status).toBe(401);
    expect(await connection.closedByServer(ANSWER_MS)).toBe(true);
    connection.destroy();
    await expectServing();
  });

  it('an upload aborted mid-body (the client disconnects) is marked failed with the reason', async () => {
    const boundary = 'aborted';
    const connection = await rawImport(importHead({ token: key, contentType: multipartType(boundary), contentLength: 8 * MiB }));
    await connection.send(multipartFile({ boundary, fileName: 'aborted.csv', content: HEADER + rows(100), closed: false }));
    await app.waitFor(async () => (await importNamed('aborted.csv'))?.status === 'running', ANSWER_MS, 'the import to run');
    connection.destroy();
    await app.waitFor(async () => (await importNamed('aborted.csv'))?.status === 'failed', ANSWER_MS, 'the aborted import to be failed');
    expect((await importNamed('aborted.csv'))?.error).toMatch(/^the upload stopped after \d+ bytes: the connection closed before the end of the body/);
    await expectServing();
  });

  it("an import left running by a killed API process is failed once its heartbeat is stale; a live process's import is not", async () => {
    const open = async (fileName: string) => {
      const boundary = `held-${fileName}`;
      const connection = await rawImport(importHead({ token: key, contentType: multipartType(boundary), contentLength: 8 * MiB }));
      await connection.send(multipartFile({ boundary, fileName, content: HEADER + rows(50), closed: false }));
      await app.waitFor(async () => (await importNamed(fileName))?.status === 'running', ANSWER_MS, `${fileName} to run`);
      return connection;
    };
    const orphan = await open('orphaned.csv');
    await app.killApi();
    orphan.destroy();
    await app.startApi();
    apiPid = app.apiPid;
    const live = await open('live.csv');
    const liveSince = Date.now();

    await app.waitFor(async () => (await importNamed('orphaned.csv'))?.status === 'failed', ANSWER_MS, 'the orphaned import to be failed');
    expect((await importNamed('orphaned.csv'))?.error).toMatch(/^the API process running this import stopped before the end of the file \(last heartbeat \d{4}-/);
    // Listing sweeps stale imports every time; through four staleness windows the live one keeps running.
    const staleWindowMs = 6 * LIMITS.heartbeatMs;
    let listings = 0;
    while (Date.now() - liveSince < 4 * staleWindowMs) {
      expect((await importNamed('live.csv'))?.status).toBe('running');
      listings += 1;
    }
    expect(listings).toBeGreaterThan(3);
    live.destroy();
    await app.waitFor(async () => (await importNamed('live.csv'))?.status === 'failed', ANSWER_MS, 'the live import to be failed once aborted');
    await expectServing();
  });

  it('took none of these uploads for an internal error: nothing logged at ERROR level', () => {
    const logs = app.recentLogs().replace(/\u001b\[[0-9;]*m/g, ''); // without colours
    expect(logs).toMatch(/WARN \[Imports\] imports [0-9a-f-]{36} had no heartbeat since/); // the log is captured
    expect(logs).not.toMatch(/\bERROR\b/);
  });
});

describe('one ingest rate budget per carrier: /events, webhooks and imports', () => {
  let app: LanewatchApp;
  afterAll(() => app?.stop());

  const fixture = (path: string) => readFileSync(join(__dirname, '..', 'libs/formats/src', path), 'utf8');

  it('an import spends one point plus one per 5,000-row chunk, webhooks (Bearer and signed) one each; then 429 with Retry-After everywhere', async () => {
    app = await LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '8' }, worker: false });
    const { apiKey, webhookSecret } = await app.createCarrier('chinapost');
    const other = await app.createCarrier('correios');
    expect((await app.request('PUT', '/api/v1/carriers/chinapost/import-mapping', { body: MAPPING })).status).toBe(200);

    const importFile = async (rowCount: number) => {
      const form = new FormData();
      form.append('file', new Blob([HEADER + rows(rowCount, 'RL')], { type: 'text/csv' }), 'budget.csv');
      const response = await fetch(`${app.apiUrl}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` }, body: form });
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
    };
    const upu = () => app.request('POST', '/api/v1/webhooks/upu/chinapost', { token: apiKey, rawBody: fixture('upu/fixtures/gtt-events.json') });
    const afterShip = async () => {
      const payload = JSON.parse(fixture('aftership/fixtures/tracking-update.json'));
      payload.ts = Math.floor(Date.now() / 1000);
      payload.msg.id = `budget-${Math.random()}`; // a new delivery each time, not a replay
      const body = JSON.stringify(payload);
      const response = await fetch(`${app.apiUrl}/api/v1/webhooks/aftership/chinapost`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'aftership-hmac-sha256': signAfterShip(body, webhookSecret) },
        body,
      });
      return { status: response.status, retryAfter: response.headers.get('retry-after') };
    };
    const events = (token: string) =>
      app.request('POST', '/api/v1/events', { token, body: { events: [{ trackingNumber: 'BUDGET0001', milestone: 'ACCEPTED', occurredAt: '2026-09-01T10:00:00Z' }] } });

    const imported = await importFile(12_000); // 1 + 3 chunks = 4 points
    expect(imported).toMatchObject({ status: 201, body: { status: 'completed', rowsRead: 12_000, batches: 3 } });
    expect((await upu()).status).toBe(202); // 5
    expect((await afterShip()).status).toBe(202); // 6
    expect((await events(apiKey)).status).toBe(202); // 7
    expect((await events(apiKey)).status).toBe(202); // 8: the budget is spent

    const limitedEvents = await events(apiKey);
    const limitedImport = await importFile(10);
    const limitedUpu = await upu();
    const limitedAfterShip = await afterShip();
    expect([limitedEvents.status, limitedImport.status, limitedUpu.status, limitedAfterShip.status]).toEqual([429, 429, 429, 429]);
    for (const retryAfter of [limitedEvents.headers.get('retry-after'), limitedImport.retryAfter, limitedUpu.headers.get('retry-after'), limitedAfterShip.retryAfter]) {
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    }
    expect(limitedImport.body.message).toMatch(/^rate limit exceeded for 'chinapost'; retry after \d+ s/);
    // A refused import left no trace, and another carrier's budget is its own.
    expect((await app.sql<{ count: string }>(`SELECT count(*) AS count FROM imports`))[0].count).toBe('1');
    expect((await events(other.apiKey)).status).toBe(202);
  });
});
