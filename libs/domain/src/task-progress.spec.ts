import { STALLED_AFTER_MS, StoredTask, taskProgress } from './task-progress';

const STARTED = new Date('2026-11-20T10:00:00Z');
const at = (seconds: number) => new Date(STARTED.getTime() + seconds * 1000);

function task(overrides: Partial<StoredTask> = {}): StoredTask {
  return {
    id: '7d7c3f5e-1f7a-4c8e-9d41-2b0f7e3c9a10',
    kind: 'rebuild',
    status: 'running',
    label: 'KPI rebuild into shadow tables',
    phase: 'facts',
    done: 0,
    total: 1000,
    startedAt: STARTED,
    updatedAt: STARTED,
    finishedAt: null,
    error: null,
    ...overrides,
  };
}

describe('taskProgress', () => {
  it('a running task: share done, rate since the start and the time left at that rate', () => {
    const view = taskProgress({ task: task({ done: 250, updatedAt: at(50) }), now: at(50) });
    expect(view).toMatchObject({ status: 'running', percent: 25, rate: 5, etaSeconds: 150, phase: 'facts', label: 'KPI rebuild' });
    expect(view).toMatchObject({ startedAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:50.000Z', finishedAt: null });
  });

  it('rounds the time left up to a whole second and the share to one decimal', () => {
    expect(taskProgress({ task: task({ done: 1, total: 3, updatedAt: at(2) }), now: at(2) })).toMatchObject({ percent: 33.3, rate: 0.5, etaSeconds: 4 });
  });

  it('just started, nothing done: a rate of 0 and no estimate', () => {
    expect(taskProgress({ task: task(), now: at(5) })).toMatchObject({ status: 'running', percent: 0, rate: 0, etaSeconds: null });
  });

  it('no time elapsed (or the asking clock behind the task’s): the rate is not measurable', () => {
    expect(taskProgress({ task: task({ done: 10 }), now: STARTED })).toMatchObject({ rate: null, etaSeconds: null });
    expect(taskProgress({ task: task({ done: 10 }), now: at(-3) })).toMatchObject({ rate: null, etaSeconds: null });
  });

  it('a completed task: rate over its whole run, 100 %, nothing left', () => {
    const view = taskProgress({ task: task({ status: 'completed', done: 1000, updatedAt: at(40), finishedAt: at(40) }), now: at(4000) });
    expect(view).toMatchObject({ status: 'completed', percent: 100, rate: 25, etaSeconds: 0, finishedAt: '2026-11-20T10:00:40.000Z' });
  });

  it('a completed task that had nothing to do is 100 %', () => {
    expect(taskProgress({ task: task({ status: 'completed', total: 0, finishedAt: at(1), updatedAt: at(1) }), now: at(9) })).toMatchObject({
      percent: 100,
      rate: 0,
      etaSeconds: 0,
    });
  });

  it('a running task with nothing to do (a total of 0 counted at its start) is 100 %, 0 s left', () => {
    expect(taskProgress({ task: task({ total: 0, done: 0 }), now: at(9) })).toMatchObject({ percent: 100, rate: 0, etaSeconds: 0 });
  });

  it('more done than counted at the start (events arriving meanwhile): at most 100 %, 0 s left', () => {
    expect(taskProgress({ task: task({ done: 1200, updatedAt: at(10) }), now: at(10) })).toMatchObject({ percent: 100, etaSeconds: 0, done: 1200 });
  });

  it('a failed task keeps its error and has no estimate', () => {
    const view = taskProgress({ task: task({ status: 'failed', done: 400, finishedAt: at(20), updatedAt: at(20), error: 'another KPI rebuild is running' }), now: at(30) });
    expect(view).toMatchObject({ status: 'failed', percent: 40, rate: 20, etaSeconds: null, error: 'another KPI rebuild is running' });
  });

  it('a running task without progress for STALLED_AFTER_MS is stalled, with no estimate', () => {
    const updatedAt = at(60);
    const running = taskProgress({ task: task({ done: 100, updatedAt }), now: new Date(updatedAt.getTime() + STALLED_AFTER_MS - 1) });
    expect(running.status).toBe('running');
    const stalled = taskProgress({ task: task({ done: 100, updatedAt }), now: new Date(updatedAt.getTime() + STALLED_AFTER_MS) });
    expect(stalled).toMatchObject({ status: 'stalled', etaSeconds: null });
    expect(stalled.rate).toBeGreaterThan(0);
  });

  it('a finished task is never stalled, however old', () => {
    expect(taskProgress({ task: task({ status: 'completed', done: 1000, finishedAt: at(10), updatedAt: at(10) }), now: at(86_000) }).status).toBe('completed');
  });

  it('labels a re-map by its carrier and changed codes, or by its stored label when the batch is gone', () => {
    const remap = task({ kind: 'remap', label: 're-map 2 code(s) of carrier 4', phase: null });
    expect(taskProgress({ task: { ...remap, carrierCode: 'correios', changedCodes: 2 }, now: at(1) }).label).toBe('correios: 2 changed code(s)');
    expect(taskProgress({ task: { ...remap, carrierCode: null, changedCodes: null }, now: at(1) }).label).toBe('re-map 2 code(s) of carrier 4');
  });
});
