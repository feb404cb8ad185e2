import { TaskProgress, taskProgress } from '@lanewatch/domain';
import type { BackgroundTaskEntity, BackgroundTaskKind } from '../entities';
import type { CarrierEntity } from '../entities/carrier.entity';
import type { ColumnsOf, TableRow } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

export type BackgroundTaskRow = ColumnsOf<
  BackgroundTaskEntity,
  'id' | 'kind' | 'status' | 'label' | 'started_at' | 'updated_at' | 'finished_at' | 'error'
> & {
  total: number;
  done: number;
  state: Record<string, unknown>;
};

const COLUMNS = `id, kind, status, label, total::float8 AS total, done::float8 AS done, started_at, updated_at, finished_at, error, state`;

/** Starts a task, or returns the one already started under this id (a worker resuming it after a crash). */
export async function startBackgroundTask(
  runner: SqlRunner,
  task: { id: string; kind: BackgroundTaskKind; label: string; total: number; state: Record<string, unknown>; now: Date },
): Promise<BackgroundTaskRow> {
  await runner.query(
    `INSERT INTO background_tasks (id, kind, status, label, total, done, started_at, updated_at, state)
     VALUES ($1, $2, 'running', $3, $4, 0, $5, $5, $6::jsonb) ON CONFLICT (id) DO NOTHING`,
    [task.id, task.kind, task.label.slice(0, 200), task.total, task.now, JSON.stringify(task.state)],
  );
  return (await findBackgroundTask(runner, task.id)) as BackgroundTaskRow;
}

export async function findBackgroundTask(runner: SqlRunner, id: string): Promise<BackgroundTaskRow | null> {
  const found = await rows<BackgroundTaskRow>(runner, `SELECT ${COLUMNS} FROM background_tasks WHERE id = $1`, [id]);
  return found[0] ?? null;
}

export async function recordTaskProgress(runner: SqlRunner, input: { id: string; done: number; state: Record<string, unknown>; now: Date; total?: number }): Promise<void> {
  await runner.query(
    `UPDATE background_tasks SET done = done + $2, state = $3::jsonb, updated_at = $4, total = COALESCE($5, total) WHERE id = $1`,
    [input.id, input.done, JSON.stringify(input.state), input.now, input.total ?? null],
  );
}

export async function finishBackgroundTask(runner: SqlRunner, input: { id: string; status: 'completed' | 'failed'; error: string | null; now: Date }): Promise<void> {
  await runner.query(`UPDATE background_tasks SET status = $2, error = $3, finished_at = $4, updated_at = $4 WHERE id = $1`, [
    input.id,
    input.status,
    input.error?.slice(0, 2000) ?? null,
    input.now,
  ]);
}

export type RecentBackgroundTaskRow = Omit<BackgroundTaskRow, 'state'> & {
  phase: string | null;
  /** A re-map's carrier and number of changed codes, from its batch (null once the batch is gone). */
  carrier_code: TableRow<CarrierEntity>['code'] | null;
  changed_codes: number | null;
};

/** Running tasks and those finished in the last day before `now`, newest first, at most 20; or the tasks of `ids`. */
export async function recentBackgroundTasks(runner: SqlRunner, now: Date, ids: string[] | null = null): Promise<RecentBackgroundTaskRow[]> {
  // $1 typed: "unknown - interval" has no unique operator, and the query would fail.
  return rows<RecentBackgroundTaskRow>(
    runner,
    `SELECT t.id, t.kind, t.status, t.label, t.total::float8 AS total, t.done::float8 AS done, t.started_at, t.updated_at, t.finished_at, t.error,
            t.state->>'phase' AS phase, c.code AS carrier_code,
            CASE WHEN jsonb_typeof(b.payload->'codes') = 'array' THEN jsonb_array_length(b.payload->'codes') END AS changed_codes
       FROM background_tasks t
       LEFT JOIN ingest_batches b ON t.kind = 'remap' AND b.id = t.id
       LEFT JOIN carriers c ON c.id = b.carrier_id
      WHERE CASE WHEN $2::uuid[] IS NULL THEN t.status = 'running' OR t.finished_at > $1::timestamptz - interval '1 day' ELSE t.id = ANY($2::uuid[]) END
      ORDER BY t.started_at DESC, t.id
      LIMIT CASE WHEN $2::uuid[] IS NULL THEN 20 END`,
    [now, ids],
  );
}

/** recentBackgroundTasks as the health page and `lanewatch tasks` show them: done, rate and time left as of `now`. */
export async function recentTaskProgress(runner: SqlRunner, now: Date, ids: string[] | null = null): Promise<TaskProgress[]> {
  return (await recentBackgroundTasks(runner, now, ids)).map((row) =>
    taskProgress({
      task: {
        id: row.id,
        kind: row.kind,
        status: row.status,
        label: row.label,
        phase: row.phase,
        done: row.done,
        total: row.total,
        startedAt: row.started_at,
        updatedAt: row.updated_at,
        finishedAt: row.finished_at,
        error: row.error,
        carrierCode: row.carrier_code,
        changedCodes: row.changed_codes,
      },
      now,
    }),
  );
}
