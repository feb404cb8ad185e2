// npm run bench: ingest throughput of the whole pipeline (HTTP → inbox → queue → worker → events,
// with dedup and linking) against a raw COPY of the same rows into a bare table, in one run on one
// machine, so the ratio means something on a noisy box where absolute times do not.
import { generateFeed, planDeliveries } from '@lanewatch/simulator';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LanewatchApp } from '../test/support/lanewatch-app';
import { prepareBenchServices } from './bench-app';

const SHIPMENTS = Number(process.env.BENCH_SHIPMENTS ?? 6000);

const csv = (value: unknown) => (value === null || value === undefined ? '' : `"${String(value).replace(/"/g, '""')}"`);

async function rawCopySeconds(databaseUrl: string, rows: string[][]): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE bench_raw (carrier text, tracking_number text, milestone text, code text, occurred_at timestamptz,
      country text, city text, facility text, message text, raw jsonb)`);
    const started = process.hrtime.bigint();
    const stream = client.query(copyFrom(`COPY bench_raw FROM STDIN WITH (FORMAT csv)`));
    await pipeline(Readable.from(rows.map((row) => `${row.map(csv).join(',')}\n`)), stream);
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const services = await prepareBenchServices();

  const feed = generateFeed({ seed: 42, shipments: SHIPMENTS, now: new Date('2026-11-20T00:00:00Z'), spanDays: 90, departureScans: true });
  const plan = planDeliveries(feed, { seed: 42, batchSize: 5000, duplicateRate: 0, offsetVariantRate: 0, shuffle: true });
  const events = plan.batches.flatMap((batch) => batch.events.map((event) => ({ carrier: batch.carrier, event })));

  const app = await LanewatchApp.start({ env: { INGEST_RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'error' }, worker: false });
  try {
    const keys = new Map<string, string>();
    for (const carrier of feed.carriers) keys.set(carrier.code, (await app.createCarrier(carrier.code, carrier.kind)).apiKey);
    for (const carrier of feed.carriers.filter((c) => c.codeMap)) {
      await app.request('PUT', `/api/v1/carriers/${carrier.code}/code-map`, { body: { mappings: carrier.codeMap } });
    }
    // 1. The API alone: validate and commit to the inbox (the worker is not running yet).
    const acceptStarted = process.hrtime.bigint();
    for (const batch of plan.batches) {
      const response = await app.request('POST', '/api/v1/events', { token: keys.get(batch.carrier), body: { events: batch.events } });
      if (response.status !== 202) throw new Error(`POST answered ${response.status}`);
    }
    const acceptSeconds = Number(process.hrtime.bigint() - acceptStarted) / 1e9;
    // 2. The worker alone: drain the inbox (dedup, legs, shipments, linking), WORKER_CONCURRENCY=2.
    const processStarted = process.hrtime.bigint();
    await app.startWorker();
    const status = await app.waitForIdle(1_800_000);
    const processSeconds = Number(process.hrtime.bigint() - processStarted) / 1e9;
    if (status.eventsStored !== plan.uniqueCount) throw new Error(`stored ${status.eventsStored} of ${plan.uniqueCount}`);
    // 3. The baseline: COPY of the same rows into a bare table in the same database server.
    const copySeconds = await rawCopySeconds(
      app.databaseUrl,
      events.map(({ carrier, event }) => [
        carrier,
        event.trackingNumber,
        event.milestone ?? null,
        event.code ?? null,
        event.occurredAt,
        event.location?.country ?? null,
        event.location?.city ?? null,
        event.location?.facility ?? null,
        event.message ?? null,
        JSON.stringify(event),
      ]) as string[][],
    );
    const n = plan.uniqueCount;
    const rate = (seconds: number) => Math.round(n / seconds);
    const lines = [
      `ingest benchmark: ${n} events, ${feed.journeys.length} shipments, ${plan.batches.length} batches of up to 5000`,
      `  raw COPY into a bare table      ${rate(copySeconds).toString().padStart(9)} events/s  (${copySeconds.toFixed(2)} s)`,
      `  API accept (validate + commit)  ${rate(acceptSeconds).toString().padStart(9)} events/s  (${acceptSeconds.toFixed(2)} s)  = ${(copySeconds / acceptSeconds).toFixed(2)} × COPY`,
      `  worker (dedup, legs, linking)   ${rate(processSeconds).toString().padStart(9)} events/s  (${processSeconds.toFixed(2)} s)  = ${(copySeconds / processSeconds).toFixed(2)} × COPY`,
      `  end to end (accept + process)   ${rate(acceptSeconds + processSeconds).toString().padStart(9)} events/s  = ${(copySeconds / (acceptSeconds + processSeconds)).toFixed(2)} × COPY`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await app.stop();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
