import type { CarrierKeyEntity } from '../entities/carrier-key.entity';
import type { CarrierEntity } from '../entities/carrier.entity';
import type { CodeMapEntryEntity } from '../entities/code-map-entry.entity';
import type { UnmappedCodeEntity } from '../entities/unmapped-code.entity';
import type { ColumnsOf } from '../table-row';
import { LOCK_KEYS, rows, SqlRunner } from './sql-runner';

export type CarrierRow = ColumnsOf<CarrierEntity, 'id' | 'code' | 'name' | 'kind' | 'webhook_secret_salt' | 'created_at'>;

const CARRIER_COLUMNS = 'c.id, c.code, c.name, c.kind, c.webhook_secret_salt, c.created_at';

export async function findCarrierByCode(runner: SqlRunner, code: string): Promise<CarrierRow | null> {
  const found = await rows<CarrierRow>(runner, `SELECT ${CARRIER_COLUMNS} FROM carriers c WHERE c.code = $1`, [code]);
  return found[0] ?? null;
}

export async function listCarriers(runner: SqlRunner): Promise<CarrierRow[]> {
  return rows<CarrierRow>(runner, `SELECT ${CARRIER_COLUMNS} FROM carriers c ORDER BY c.code`);
}

export async function carrierIdsByCode(runner: SqlRunner, codes: string[]): Promise<Map<string, number>> {
  const found = await rows<ColumnsOf<CarrierEntity, 'id' | 'code'>>(runner, `SELECT id, code FROM carriers WHERE code = ANY($1::text[])`, [codes]);
  return new Map(found.map((row) => [row.code, row.id]));
}

/** The codes of those of `ids` that are still registered (a batch's carriers: one may be deleted after its accept). */
export async function carrierCodesById(runner: SqlRunner, ids: number[]): Promise<Map<number, string>> {
  const found = await rows<{ id: number; code: string }>(runner, `SELECT id, code FROM carriers WHERE id = ANY($1::int[])`, [ids]);
  return new Map(found.map((row) => [Number(row.id), row.code]));
}

/**
 * The carrier registry read once, both ways: the edge (a request, a job's entry, one SLA evaluation run)
 * turns codes into ids with it once, and the reads below it filter and group by id; codes come back only
 * for display. Carriers are never renamed, so one read serves a whole run.
 */
export interface CarrierDirectory {
  idOf(code: string): number | undefined;
  codeOf(id: number): string | undefined;
}

export async function carrierDirectory(runner: SqlRunner): Promise<CarrierDirectory> {
  const found = await rows<ColumnsOf<CarrierEntity, 'id' | 'code'>>(runner, `SELECT id, code FROM carriers`);
  const ids = new Map(found.map((row) => [row.code, Number(row.id)]));
  const codes = new Map(found.map((row) => [Number(row.id), row.code]));
  return { idOf: (code) => ids.get(code), codeOf: (id) => codes.get(Number(id)) };
}

/** Inserts a carrier; null when the code is taken. */
export async function insertCarrier(
  runner: SqlRunner,
  carrier: { code: string; name: string; kind: string; webhookSecretSalt: string; webhookSecretHash: string },
): Promise<CarrierRow | null> {
  const inserted = await rows<CarrierRow>(
    runner,
    `INSERT INTO carriers (code, name, kind, webhook_secret_salt, webhook_secret_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (code) DO NOTHING
     RETURNING id, code, name, kind, webhook_secret_salt, created_at`,
    [carrier.code, carrier.name, carrier.kind, carrier.webhookSecretSalt, carrier.webhookSecretHash],
  );
  return inserted[0] ?? null;
}

export async function insertCarrierKey(runner: SqlRunner, key: { carrierId: number; keyHash: string; keyPrefix: string }): Promise<string> {
  const inserted = await rows<ColumnsOf<CarrierKeyEntity, 'id'>>(
    runner,
    `INSERT INTO carrier_keys (carrier_id, key_hash, key_prefix) VALUES ($1, $2, $3) RETURNING id`,
    [key.carrierId, key.keyHash, key.keyPrefix],
  );
  return inserted[0].id;
}

/** Active keys other than `keepKeyId` stay valid until `expiresAt` (the rotation grace period). */
export async function expireOtherKeys(runner: SqlRunner, carrierId: number, keepKeyId: string, expiresAt: Date): Promise<void> {
  await runner.query(
    `UPDATE carrier_keys SET expires_at = LEAST(COALESCE(expires_at, $3), $3)
      WHERE carrier_id = $1 AND id <> $2 AND revoked_at IS NULL`,
    [carrierId, keepKeyId, expiresAt],
  );
}

export async function revokeCarrierKey(runner: SqlRunner, carrierId: number, keyId: string): Promise<boolean> {
  const updated = await rows<ColumnsOf<CarrierKeyEntity, 'id'>>(
    runner,
    `UPDATE carrier_keys SET revoked_at = now() WHERE carrier_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id`,
    [carrierId, keyId],
  );
  return updated.length > 0;
}

export type CarrierKeyRow = ColumnsOf<CarrierKeyEntity, 'id' | 'key_prefix' | 'created_at' | 'expires_at' | 'revoked_at'>;

export async function listCarrierKeys(runner: SqlRunner, carrierId: number): Promise<CarrierKeyRow[]> {
  return rows<CarrierKeyRow>(
    runner,
    `SELECT id, key_prefix, created_at, expires_at, revoked_at FROM carrier_keys WHERE carrier_id = $1 ORDER BY created_at`,
    [carrierId],
  );
}

/** The carrier owning a valid (not revoked, not expired) key with this hash. */
export async function carrierForKeyHash(runner: SqlRunner, keyHash: string, now: Date): Promise<CarrierRow | null> {
  const found = await rows<CarrierRow>(
    runner,
    `SELECT ${CARRIER_COLUMNS} FROM carrier_keys k JOIN carriers c ON c.id = k.carrier_id
      WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > $2)`,
    [keyHash, now],
  );
  return found[0] ?? null;
}

/**
 * A batch holds its carriers' code maps (shared, until it commits) before reading them: a change
 * waits for the batches that mapped events with the old map, so the re-map it queues sees their
 * events, and batches after it read the new map. Carriers in order: no cycle between batches.
 */
export async function holdCodeMaps(runner: SqlRunner, carrierIds: number[]): Promise<void> {
  const ids = [...new Set(carrierIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  await runner.query(`SELECT pg_advisory_xact_lock_shared($1, id) FROM unnest($2::int[]) WITH ORDINALITY AS t(id, n) ORDER BY n`, [LOCK_KEYS.codeMap, ids]);
}

/** A code-map change's lock (until it commits): waits for the batches holding the carrier's map. */
export async function lockCodeMap(runner: SqlRunner, carrierId: number): Promise<void> {
  await runner.query(`SELECT pg_advisory_xact_lock($1, $2)`, [LOCK_KEYS.codeMap, carrierId]);
}

export async function getCodeMap(runner: SqlRunner, carrierId: number): Promise<Map<string, string>> {
  const found = await rows<ColumnsOf<CodeMapEntryEntity, 'raw_code' | 'milestone'>>(
    runner,
    `SELECT raw_code, milestone FROM code_map_entries WHERE carrier_id = $1 ORDER BY raw_code`,
    [carrierId],
  );
  return new Map(found.map((row) => [row.raw_code, row.milestone]));
}

export async function replaceCodeMap(runner: SqlRunner, carrierId: number, mappings: Map<string, string>): Promise<void> {
  const codes = [...mappings.keys()];
  await runner.query(`DELETE FROM code_map_entries WHERE carrier_id = $1 AND NOT (raw_code = ANY($2::text[]))`, [carrierId, codes]);
  await runner.query(
    `INSERT INTO code_map_entries (carrier_id, raw_code, milestone, updated_at)
     SELECT $1, raw_code, milestone, now() FROM unnest($2::text[], $3::text[]) AS t(raw_code, milestone)
     ON CONFLICT (carrier_id, raw_code) DO UPDATE SET milestone = excluded.milestone, updated_at = now()
       WHERE code_map_entries.milestone IS DISTINCT FROM excluded.milestone`,
    [carrierId, codes, [...mappings.values()]],
  );
}

export type UnmappedCodeRow = ColumnsOf<UnmappedCodeEntity, 'raw_code' | 'event_count' | 'last_seen_at'>;

export async function unmappedCodes(runner: SqlRunner, carrierId: number): Promise<UnmappedCodeRow[]> {
  return rows<UnmappedCodeRow>(
    runner,
    `SELECT raw_code, event_count, last_seen_at FROM unmapped_codes WHERE carrier_id = $1 AND event_count > 0 ORDER BY event_count DESC, raw_code`,
    [carrierId],
  );
}

export async function setWebhookSecret(runner: SqlRunner, carrierId: number, secret: { salt: string; hash: string }): Promise<void> {
  await runner.query(`UPDATE carriers SET webhook_secret_salt = $2, webhook_secret_hash = $3 WHERE id = $1`, [carrierId, secret.salt, secret.hash]);
}

/** Locks the carrier's row (code-map changes and default maps take it first). */
export async function lockCarrierRow(runner: SqlRunner, carrierId: number): Promise<void> {
  await runner.query('SELECT id FROM carriers WHERE id = $1 FOR UPDATE', [carrierId]);
}

/** Events and legs of the carrier not linked to a shipment. */
export async function unlinkedLegsOfCarrier(runner: SqlRunner, carrierId: number): Promise<{ events: number; legs: number }> {
  const [unlinked] = await rows<{ events: number; legs: number }>(
    runner,
    `SELECT COALESCE(sum(event_count), 0)::int AS events, count(*)::int AS legs FROM legs WHERE carrier_id = $1 AND shipment_id IS NULL AND event_count > 0`,
    [carrierId],
  );
  return unlinked;
}

/** Whether the carrier has posted a batch in this format (source) before, kept or purged after its retention. */
export async function carrierUsedSource(runner: SqlRunner, carrierId: number, source: string): Promise<boolean> {
  const [{ used }] = await rows<{ used: boolean }>(
    runner,
    `SELECT EXISTS (SELECT 1 FROM ingest_batches WHERE carrier_id = $1 AND source = $2)
         OR EXISTS (SELECT 1 FROM ingest_batch_totals WHERE carrier_id = $1 AND source = $2) AS used`,
    [carrierId, source],
  );
  return used;
}

/** Adds code-map entries; the carrier's own entries win. */
export async function addCodeMapEntries(runner: SqlRunner, carrierId: number, entries: [string, string][]): Promise<void> {
  await runner.query(
    `INSERT INTO code_map_entries (carrier_id, raw_code, milestone)
       SELECT $1, t.code, t.milestone FROM unnest($2::text[], $3::text[]) AS t(code, milestone)
       ON CONFLICT DO NOTHING`,
    [carrierId, entries.map(([code]) => code), entries.map(([, milestone]) => milestone)],
  );
}
