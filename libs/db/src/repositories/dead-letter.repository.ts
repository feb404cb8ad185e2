import type { DeadLetterEntity } from '../entities/dead-letter.entity';
import type { ColumnsOf } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

export interface DeadLetterInput {
  batchId: string;
  position: number;
  /** A registered carrier's id; null when the event's carrier is not (any more). */
  carrierId: number | null;
  trackingNumber: string | null;
  event: unknown;
  error: string;
  sqlstate: string | null;
}

/** Sets events aside with their reason; a batch run again records each of its positions once. */
export async function insertDeadLetters(runner: SqlRunner, letters: DeadLetterInput[], createdAt: Date): Promise<void> {
  if (letters.length === 0) return;
  await runner.query(
    `INSERT INTO dead_letters (batch_id, position, carrier_id, tracking_number, event, error, sqlstate, created_at)
     SELECT $1::uuid, t.position, t.carrier_id, t.tracking_number, t.event, t.error, t.sqlstate, $8
       FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])
            AS t(position, carrier_id, tracking_number, event, error, sqlstate)
     ON CONFLICT (batch_id, position) DO NOTHING`,
    [
      letters[0].batchId,
      letters.map((letter) => letter.position),
      letters.map((letter) => letter.carrierId),
      // Bounded to the column: the event itself keeps the whole value.
      letters.map((letter) => letter.trackingNumber?.slice(0, 64) ?? null),
      // JSON text escapes what jsonb and text refuse (NUL, lone surrogates), so the event is kept as sent.
      letters.map((letter) => JSON.stringify(letter.event ?? null)),
      letters.map((letter) => letter.error.slice(0, 2000)),
      letters.map((letter) => letter.sqlstate),
      createdAt,
    ],
  );
}

export type DeadLetterRow = ColumnsOf<
  DeadLetterEntity,
  'id' | 'batch_id' | 'position' | 'tracking_number' | 'event' | 'error' | 'sqlstate' | 'created_at'
> & {
  carrier_code: string | null;
};

/** Newest first; one carrier's only when carrierId is given. */
export async function listDeadLetters(runner: SqlRunner, input: { carrierId: number | null; limit: number; beforeId: string | null }): Promise<DeadLetterRow[]> {
  return rows<DeadLetterRow>(
    runner,
    `SELECT d.id::text AS id, d.batch_id, d.position, c.code AS carrier_code, d.tracking_number, d.event, d.error, d.sqlstate, d.created_at
       FROM dead_letters d LEFT JOIN carriers c ON c.id = d.carrier_id
      WHERE ($1::int IS NULL OR d.carrier_id = $1) AND ($3::bigint IS NULL OR d.id < $3)
      ORDER BY d.id DESC LIMIT $2`,
    [input.carrierId, input.limit, input.beforeId],
  );
}

export async function countDeadLetters(runner: SqlRunner, input: { carrierId: number | null; batchId?: string }): Promise<number> {
  const [found] = await rows<{ n: string }>(
    runner,
    `SELECT count(*) AS n FROM dead_letters WHERE ($1::int IS NULL OR carrier_id = $1) AND ($2::uuid IS NULL OR batch_id = $2)`,
    [input.carrierId, input.batchId ?? null],
  );
  return Number(found.n);
}
