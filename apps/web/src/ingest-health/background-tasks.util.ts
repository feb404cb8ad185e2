import { MINUTE_MS, STALLED_AFTER_MS, TASK_KIND_LABELS, type TaskKind, type TaskProgress, type TaskStatus } from '@lanewatch/domain';
import { asArray, asRecord, oneOf, optionalNumber, optionalText, requiredNumber, text } from '../api/parse.util';
import { NO_DATA } from '../shared/kpi-format.util';

export type { TaskProgress } from '@lanewatch/domain';

const KINDS: readonly TaskKind[] = ['rebuild', 'remap'];
const STATUSES: readonly TaskStatus[] = ['running', 'completed', 'failed', 'stalled'];

export function parseBackgroundTasks(body: unknown): TaskProgress[] {
  return asArray(asRecord(body, 'body').tasks, 'body.tasks').map((entry, index) => {
    const path = `body.tasks[${index}]`;
    const task = asRecord(entry, path);
    return {
      id: text(task, 'id', path),
      kind: oneOf(task, 'kind', KINDS, path),
      label: text(task, 'label', path),
      status: oneOf(task, 'status', STATUSES, path),
      phase: optionalText(task, 'phase', path),
      done: requiredNumber(task, 'done', path),
      total: requiredNumber(task, 'total', path),
      percent: requiredNumber(task, 'percent', path),
      rate: optionalNumber(task, 'rate', path),
      etaSeconds: optionalNumber(task, 'etaSeconds', path),
      startedAt: text(task, 'startedAt', path),
      updatedAt: text(task, 'updatedAt', path),
      finishedAt: optionalText(task, 'finishedAt', path),
      error: optionalText(task, 'error', path),
    };
  });
}

export function taskKindLabel(kind: TaskKind): string {
  return TASK_KIND_LABELS[kind];
}

const STATUS_TEXT: Readonly<Record<TaskStatus, string>> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  stalled: `Stalled: no progress for ${STALLED_AFTER_MS / MINUTE_MS} min`,
};

export function taskStatusText(status: TaskStatus): string {
  return STATUS_TEXT[status];
}

export function formatPercent(percent: number, { locale }: { locale?: string } = {}): string {
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(percent)} %`;
}

// Below 10 items a second a whole number would read "0/s" for a slow but moving task.
export function formatTaskRate(rate: number | null, { locale }: { locale?: string } = {}): string {
  if (rate === null) return NO_DATA;
  const digits = rate > 0 && rate < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(rate)}/s`;
}

/** "45 s", "3 min 20 s", "2 h 5 min"; a dash when there is no estimate. */
export function formatEta(seconds: number | null): string {
  if (seconds === null) return NO_DATA;
  const whole = Math.max(0, Math.ceil(seconds));
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}

/** What the progress bar says to a screen reader: the share and the counts behind it. */
export function progressValueText(task: Pick<TaskProgress, 'percent' | 'done' | 'total'>, { locale }: { locale?: string } = {}): string {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return `${formatPercent(task.percent, { locale })}, ${count.format(task.done)} of ${count.format(task.total)}`;
}
