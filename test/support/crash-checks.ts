import { CanonicalEvent, eventIdentity, Feed } from '@lanewatch/simulator';
import { kpis, KpiResponse, legFacts, shipmentFacts } from '../oracle/kpi-oracle';
import { kpiMismatches, KpiRequest, kpiPath } from './kpi-comparison';
import type { LanewatchApp } from './lanewatch-app';
import { oracleInputOf } from './oracle-input';
import { DAY_MS } from '@lanewatch/domain';

// The checks a crash trial ends with, each returning its disagreements in words (empty: none).

const ms = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).getTime());

/**
 * Every event the posters saw answered 202 is stored exactly once, and nothing else of the run is:
 * the stored events of the run's carriers, by identity (events.md §6), against the accepted ones.
 */
export async function storedEventMismatches(app: LanewatchApp, tag: string, accepted: { carrier: string; event: CanonicalEvent }[]): Promise<string[]> {
  const expected = new Set(accepted.map(({ carrier, event }) => eventIdentity(carrier, event)));
  const stored = await app.sql<{ identity: string; copies: string }>(
    `SELECT CASE WHEN e.event_id IS NOT NULL THEN c.code || '|id|' || e.event_id
                 ELSE concat_ws('|', c.code, e.tracking_number, (extract(epoch FROM e.occurred_at) * 1000)::bigint,
                                COALESCE(e.raw->>'milestone', e.raw_code, ''), lower(COALESCE(e.location_country, '')),
                                lower(COALESCE(e.location_city, '')), lower(COALESCE(e.location_facility, ''))) END AS identity,
            count(*) AS copies
       FROM events e JOIN carriers c ON c.id = e.carrier_id
      WHERE c.code LIKE $1 GROUP BY 1`,
    [`${tag}-%`],
  );
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of stored) {
    seen.add(row.identity);
    if (Number(row.copies) !== 1) problems.push(`event ${row.identity} stored ${row.copies} times`);
    if (!expected.has(row.identity)) problems.push(`event ${row.identity} stored but never accepted`);
  }
  const lost = [...expected].filter((identity) => !seen.has(identity));
  if (lost.length > 0) problems.push(`${lost.length} accepted event(s) not stored, e.g. ${lost.slice(0, 3).join(', ')}`);
  const [identities] = await app.sql<{ n: string }>(
    `SELECT count(*) AS n FROM event_identities i JOIN carriers c ON c.id = i.carrier_id WHERE c.code LIKE $1`,
    [`${tag}-%`],
  );
  if (Number(identities.n) !== expected.size) problems.push(`event_identities holds ${identities.n} rows, ${expected.size} events accepted`);
  // A leg's event count is added by its derivation: a derivation run twice would count its events twice.
  const counts = await app.sql<{ leg: string; counted: number; stored: string }>(
    `SELECT c.code || '|' || l.tracking_number AS leg, l.event_count AS counted, (SELECT count(*) FROM events e WHERE e.leg_id = l.id) AS stored
       FROM legs l JOIN carriers c ON c.id = l.carrier_id WHERE c.code LIKE $1`,
    [`${tag}-%`],
  );
  for (const row of counts) if (Number(row.counted) !== Number(row.stored)) problems.push(`leg ${row.leg}: event_count ${row.counted}, ${row.stored} events stored`);
  const batches = await app.sql<{ status: string; n: string }>(
    `SELECT b.status, count(*) AS n FROM ingest_batches b JOIN carriers c ON c.id = b.carrier_id WHERE c.code LIKE $1 GROUP BY 1`,
    [`${tag}-%`],
  );
  for (const row of batches) if (row.status !== 'processed') problems.push(`${row.n} batch(es) ${row.status}`);
  return problems;
}

/** Shipment and leg facts of every journey of the feed, against the oracle. */
export async function factMismatches(app: LanewatchApp, feed: Feed, tag: string): Promise<string[]> {
  const oracle = oracleInputOf(feed);
  const problems: string[] = [];
  const shipments = await app.sql<Record<string, unknown> & { leg: string }>(
    `SELECT c.code || '|' || l.tracking_number AS leg, f.* FROM shipment_facts f
       JOIN shipments s ON s.id = f.shipment_id JOIN legs l ON l.id = s.root_leg_id JOIN carriers c ON c.id = l.carrier_id
      WHERE c.code LIKE $1 AND s.merged_into_id IS NULL`,
    [`${tag}-%`],
  );
  const legs = await app.sql<Record<string, unknown> & { leg: string }>(
    `SELECT c.code || '|' || l.tracking_number AS leg, f.* FROM leg_facts f JOIN legs l ON l.id = f.leg_id JOIN carriers c ON c.id = l.carrier_id
      WHERE c.code LIKE $1`,
    [`${tag}-%`],
  );
  if (shipments.length !== feed.journeys.length) problems.push(`${shipments.length} shipment fact rows, ${feed.journeys.length} journeys`);
  const legCount = feed.journeys.reduce((sum, journey) => sum + journey.legs.length, 0);
  if (legs.length !== legCount) problems.push(`${legs.length} leg fact rows, ${legCount} legs`);
  const shipmentRows = new Map(shipments.map((row) => [row.leg, row]));
  const legRows = new Map(legs.map((row) => [row.leg, row]));
  const compare = (where: string, row: Record<string, unknown> | undefined, expected: Record<string, unknown>) => {
    if (!row) return problems.push(`${where}: no facts stored`);
    for (const [column, want] of Object.entries(expected)) {
      const got = column.endsWith('_at') ? ms(row[column]) : row[column];
      const same =
        typeof want === 'number' && typeof got === 'number' && !column.endsWith('_at') ? Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)) : got === want;
      if (!same) problems.push(`${where}.${column}: stored ${JSON.stringify(got)}, oracle ${JSON.stringify(want)}`);
    }
    return 0;
  };
  for (const shipment of oracle.shipments) {
    const facts = shipmentFacts(oracle, shipment, feed.now);
    const first = `${shipment.legs[0].carrier}|${shipment.legs[0].trackingNumber}`;
    compare(`shipment ${first}`, shipmentRows.get(first), {
      first_scan_at: facts.firstScanAt,
      delivered_at: facts.deliveredAt,
      customs_start_at: facts.customsStartAt,
      customs_released_at: facts.customsReleasedAt,
      first_attempt_at: facts.firstAttemptAt,
      first_attempt_delivered: facts.firstAttemptDelivered,
      on_time: facts.onTime,
      last_event_at: facts.lastEventAt,
      terminal: facts.terminal,
      transit_days: facts.transitDays,
      customs_hold_hours: facts.customsHoldHours,
    });
    shipment.legs.forEach((leg, index) => {
      const expected = legFacts(oracle, shipment, index, feed.now);
      compare(`leg ${leg.carrier}|${leg.trackingNumber}`, legRows.get(`${leg.carrier}|${leg.trackingNumber}`), {
        leg_start_at: expected.legStartAt,
        leg_end_at: expected.legEndAt,
        first_attempt_at: expected.firstAttemptAt,
        first_attempt_delivered: expected.firstAttemptDelivered,
        on_time: expected.onTime,
        leg_transit_days: expected.legTransitDays,
      });
    });
  }
  return problems;
}

/**
 * GET /api/v1/kpis against the oracle over the whole feed and over its second half: leg facts
 * grouped by the run's carriers, shipment facts by the run's service levels (both renamed per run).
 */
export async function kpiOracleMismatches(app: LanewatchApp, feed: Feed, tag: string): Promise<string[]> {
  const oracle = oracleInputOf(feed);
  const instants = feed.journeys.flatMap((journey) => journey.legs.flatMap((leg) => leg.events.map((event) => Date.parse(event.occurredAt))));
  const lo = Math.floor(Math.min(...instants) / DAY_MS) * DAY_MS;
  const hi = Math.ceil(Date.parse(feed.now) / DAY_MS) * DAY_MS + DAY_MS;
  const middle = lo + Math.floor((hi - lo) / 2 / DAY_MS) * DAY_MS;
  const mine = (row: KpiResponse['rows'][number]) => (row.carrier ?? '').startsWith(`${tag}-`) || (row.serviceLevel ?? '').endsWith(`-${tag}`);
  const problems: string[] = [];
  for (const [from, to] of [
    [lo, hi],
    [middle, hi],
  ]) {
    for (const groupBy of ['carrier', 'serviceLevel', 'corridor,serviceLevel'] as const) {
      const request: KpiRequest = { from: new Date(from).toISOString(), to: new Date(to).toISOString(), groupBy };
      const response = await app.request('GET', kpiPath(request));
      const label = `kpis ${request.from}..${request.to} groupBy=${groupBy}`;
      if (response.status !== 200) {
        problems.push(`${label}: status ${response.status}`);
        continue;
      }
      const body = response.body as unknown as KpiResponse;
      const expected = kpis(oracle, { ...request, asOf: feed.now });
      problems.push(...kpiMismatches({ ...body, rows: body.rows.filter(mine) }, { ...expected, rows: expected.rows.filter(mine) }, label));
    }
  }
  return problems;
}
