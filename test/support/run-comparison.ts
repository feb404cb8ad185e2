import type { LanewatchApp } from './lanewatch-app';

/**
 * Two runs of the same feed in two databases: internal ids (legs, shipments) differ, so every fact
 * row is keyed by what the feed names: a leg by `carrier code:tracking number`, a shipment by its
 * legs' keys, carriers by code. Carrier ids are replaced by codes too.
 */
export interface FactSnapshot {
  shipments: Map<string, string>;
  legs: Map<string, string>;
}

const LEG_KEYS = `leg_keys AS (SELECT l.id, l.shipment_id, c.code || ':' || l.tracking_number AS key FROM legs l JOIN carriers c ON c.id = l.carrier_id)`;
const JOURNEY = (shipmentId: string) => `(SELECT string_agg(k.key, ' ' ORDER BY k.key) FROM leg_keys k WHERE k.shipment_id = ${shipmentId})`;

export async function factSnapshot(app: LanewatchApp): Promise<FactSnapshot> {
  const shipments = await app.sql<{ key: string; row: unknown }>(
    `WITH ${LEG_KEYS}
     SELECT ${JOURNEY('s.id')} AS key,
            jsonb_build_object('facts', to_jsonb(f) - 'shipment_id',
                               'shipment', to_jsonb(s) - 'id' - 'root_leg_id' - 'merged_into_id' - 'created_at' - 'updated_at') AS row
       FROM shipments s LEFT JOIN shipment_facts f ON f.shipment_id = s.id
      WHERE s.merged_into_id IS NULL`,
  );
  const legs = await app.sql<{ key: string; row: unknown }>(
    `WITH ${LEG_KEYS}
     SELECT k.key,
            jsonb_build_object('journey', ${JOURNEY('k.shipment_id')}, 'previousCarrier', pc.code,
                               'facts', to_jsonb(f) - 'leg_id' - 'shipment_id' - 'carrier_id' - 'previous_carrier_id') AS row
       FROM leg_keys k LEFT JOIN leg_facts f ON f.leg_id = k.id LEFT JOIN carriers pc ON pc.id = f.previous_carrier_id`,
  );
  const keyed = (found: { key: string; row: unknown }[]) => {
    const map = new Map<string, string>();
    for (const { key, row } of found) map.set(key, (map.has(key) ? `${map.get(key)} AND ` : '') + JSON.stringify(row));
    return map;
  };
  return { shipments: keyed(shipments), legs: keyed(legs) };
}

/** Keys present in one snapshot only, and rows that differ: at most `limit` of them, in words. */
export function factMismatches(actual: FactSnapshot, expected: FactSnapshot, label: string, limit = 10): string[] {
  const problems: string[] = [];
  for (const table of ['shipments', 'legs'] as const) {
    for (const [key, want] of expected[table]) {
      const got = actual[table].get(key);
      if (got !== want) problems.push(`${label} ${table} ${key}: ${got ?? 'missing'} vs ${want}`);
    }
    for (const key of actual[table].keys()) if (!expected[table].has(key)) problems.push(`${label} ${table} ${key}: extra`);
  }
  return problems.length > limit ? [...problems.slice(0, limit), `… and ${problems.length - limit} more`] : problems;
}

// Moments merged in a different order differ in their last bits; counts, rates (integer ratios) and
// percentiles (histogram counts) do not.
const RELATIVE = 1e-9;

function near(actual: unknown, expected: unknown, scale: number): boolean {
  return typeof actual === 'number' && typeof expected === 'number' && Math.abs(actual - expected) <= RELATIVE * scale;
}

/**
 * Two KPI answers of the same query, field by field: exactly equal except means (relative to
 * themselves), variances (relative to max(variance, mean²)) and standard deviations (compared as
 * variances). Returns the differences in words, empty when the answers agree.
 */
export function kpiRunMismatches(actual: unknown, expected: unknown, where: string): string[] {
  if (expected === null || typeof expected !== 'object') {
    return Object.is(actual, expected) ? [] : [`${where}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`];
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual) !== Array.isArray(expected)) {
    return [`${where}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`];
  }
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(e)])];
  const meanKey = keys.find((key) => key.startsWith('mean'));
  const mean = meanKey === undefined ? 0 : Math.abs(Number(e[meanKey] ?? 0));
  const problems: string[] = [];
  for (const key of keys) {
    const got = a[key];
    const want = e[key];
    const at = `${where}.${key}`;
    if (typeof want === 'number' && key.startsWith('mean')) {
      if (!near(got, want, Math.abs(want))) problems.push(`${at}: ${String(got)} vs ${want}`);
    } else if (typeof want === 'number' && key.startsWith('variance')) {
      if (!near(got, want, Math.max(want, mean * mean))) problems.push(`${at}: ${String(got)} vs ${want}`);
    } else if (typeof want === 'number' && key.startsWith('stddev')) {
      const squared = typeof got === 'number' ? got * got : got;
      if (!near(squared, want * want, Math.max(want * want, mean * mean))) problems.push(`${at}: ${String(got)} vs ${want}`);
    } else {
      problems.push(...kpiRunMismatches(got, want, at));
    }
  }
  return problems;
}
