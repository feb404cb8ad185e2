import { parseArgs } from 'node:util';
import { loadDatabaseConfigOrExit } from '@lanewatch/config';
import { createDataSource, recentTaskProgress } from '@lanewatch/db';
import { TASK_KIND_LABELS, TaskProgress } from '@lanewatch/domain';
import { CliCommand, CliIo, EXIT_FAILED, EXIT_OK } from './cli-command';
import { progressFigures } from './kpis.command';

const FOLLOW_EVERY_MS = 2_000;

/** One task as a line: what it is, its status (and phase while it runs), its figures, a failed task's error. */
export function taskLine(task: TaskProgress): string {
  const what = task.kind === 'rebuild' ? task.label : `${TASK_KIND_LABELS[task.kind]} ${task.label}`;
  const state = task.status === 'running' && task.phase ? `running, ${task.phase}` : task.status;
  return `${what} [${state}]: ${progressFigures(task)}${task.error ? ` (${task.error})` : ''}`;
}

/**
 * The background tasks of the health page (re-maps and KPI rebuilds, running or finished in the last
 * day). With --follow, the running ones (and those started meanwhile) again every 2 s until each has
 * finished: exit 1 if one failed, so a script can wait on a re-map. A stalled one (no progress for 10
 * minutes: a rebuild's index build or swap can take that long, a re-map resumes when its worker is back)
 * is followed on.
 */
async function tasks(args: string[], io: CliIo, sleep: (ms: number) => Promise<void>): Promise<number> {
  const { values } = parseArgs({ args, options: { follow: { type: 'boolean', default: false } }, strict: true, allowPositionals: false });
  const { databaseUrl } = loadDatabaseConfigOrExit(io.env);
  const dataSource = createDataSource(databaseUrl, { poolSize: 1, applicationName: 'lanewatch-cli' });
  await dataSource.initialize();
  try {
    const recent = await recentTaskProgress(dataSource, new Date());
    if (recent.length === 0) io.out('no background task running or finished in the last day');
    for (const task of recent) io.out(taskLine(task));
    if (!values.follow) return EXIT_OK;
    const going = (task: TaskProgress) => task.status === 'running' || task.status === 'stalled';
    const followed = new Set(recent.filter(going).map((task) => task.id));
    let failed = false;
    while (followed.size > 0) {
      await sleep(FOLLOW_EVERY_MS);
      // Tasks started meanwhile are followed too; the followed ones are read by id (more than the
      // recent list's 20 may have started since).
      for (const task of await recentTaskProgress(dataSource, new Date())) if (going(task)) followed.add(task.id);
      const current = await recentTaskProgress(dataSource, new Date(), [...followed]);
      for (const id of followed) if (!current.some((task) => task.id === id)) followed.delete(id);
      for (const task of current) {
        io.out(taskLine(task));
        if (going(task)) continue;
        followed.delete(task.id);
        if (task.status === 'failed') failed = true;
      }
    }
    return failed ? EXIT_FAILED : EXIT_OK;
  } finally {
    await dataSource.destroy();
  }
}

export const tasksCommand: CliCommand = {
  name: 'tasks',
  summary: 'show the progress of background tasks (code-map re-maps, KPI rebuilds)',
  usage: [
    'tasks            the tasks running or finished in the last day: done of total, rate, time left',
    'tasks --follow   then the running ones every 2 s until each has finished (exit 1 if one failed)',
  ],
  // parseArgs' errors (an unknown option, an argument) are usage errors (runCli).
  run: (args, io) => tasks(args, io, (ms) => new Promise((resolve) => setTimeout(resolve, ms))),
};
