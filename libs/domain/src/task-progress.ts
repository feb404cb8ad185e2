export type TaskKind = 'rebuild' | 'remap';
export type StoredTaskStatus = 'running' | 'completed' | 'failed';
export type TaskStatus = StoredTaskStatus | 'stalled';

/** A running task whose progress has not moved for this long is shown as stalled (its worker died, or it is stuck). */
export const STALLED_AFTER_MS = 10 * 60_000;

export const TASK_KIND_LABELS: Readonly<Record<TaskKind, string>> = { rebuild: 'KPI rebuild', remap: 'Code-map re-map' };

/** A background_tasks row as stored, with what the remap's batch says about it (its carrier and changed codes). */
export interface StoredTask {
  id: string;
  kind: TaskKind;
  status: StoredTaskStatus;
  /** The label the task was started with, used when nothing better is known. */
  label: string;
  phase: string | null;
  done: number;
  total: number;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  error: string | null;
  carrierCode?: string | null;
  changedCodes?: number | null;
}

export interface TaskProgress {
  id: string;
  kind: TaskKind;
  label: string;
  status: TaskStatus;
  phase: string | null;
  done: number;
  total: number;
  /** 0-100, one decimal; the total is counted when the task starts, so a total of 0 is nothing to do: 100. */
  percent: number;
  /** Items per second since the start (to the finish once finished); null when no time has passed. */
  rate: number | null;
  /** Seconds left at the rate so far; 0 once completed; null when unknown (no rate yet, stalled, failed). */
  etaSeconds: number | null;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  error: string | null;
}

function taskLabel(task: StoredTask): string {
  if (task.kind === 'rebuild') return 'KPI rebuild';
  if (task.carrierCode && typeof task.changedCodes === 'number') return `${task.carrierCode}: ${task.changedCodes} changed code(s)`;
  return task.label;
}

/** What a background task has done, how fast, and how long it has left, as of `now`. */
export function taskProgress({ task, now }: { task: StoredTask; now: Date }): TaskProgress {
  const startedMs = task.startedAt.getTime();
  const endMs = task.finishedAt?.getTime() ?? now.getTime();
  const elapsedMs = endMs - startedMs;
  // Clocks of the machine that ran the task and of the one asking may differ: no time, no rate.
  const rate = elapsedMs > 0 ? Math.round(((task.done * 1000) / elapsedMs) * 1000) / 1000 : null;
  const stalled = task.status === 'running' && now.getTime() - task.updatedAt.getTime() >= STALLED_AFTER_MS;
  const status: TaskStatus = stalled ? 'stalled' : task.status;
  const remaining = Math.max(0, task.total - task.done);
  const percent = task.total > 0 ? Math.min(100, Math.round((1000 * task.done) / task.total) / 10) : 100;
  let etaSeconds: number | null = null;
  if (status === 'completed' || (status === 'running' && remaining === 0)) etaSeconds = 0;
  else if (status === 'running' && rate !== null && rate > 0) etaSeconds = Math.ceil(remaining / rate);
  return {
    id: task.id,
    kind: task.kind,
    label: taskLabel(task),
    status,
    phase: task.phase,
    done: task.done,
    total: task.total,
    percent,
    rate,
    etaSeconds,
    startedAt: task.startedAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    finishedAt: task.finishedAt?.toISOString() ?? null,
    error: task.error,
  };
}
