import { addBestEffort, alertDeliveryJob, debouncedSlaEvaluationJob, freeDeadJobIds, ingestBatchJob } from './jobs';
import { QUEUE_JOBS, ALERTS_QUEUE, INGEST_QUEUE, SLA_QUEUE } from './queues';

describe('the producers’ jobs', () => {
  it('carry the payload the consumer reads, keyed by the row id so a re-enqueue is a no-op', () => {
    expect(ingestBatchJob('b-1', 3)).toEqual({
      name: 'ingest-batch',
      data: { batchId: 'b-1' },
      opts: { jobId: 'b-1', attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: true },
    });
    expect(alertDeliveryJob('d-1', 5, 250)).toEqual({
      name: 'alert-delivery',
      data: { deliveryId: 'd-1' },
      opts: { jobId: 'd-1', attempts: 5, backoff: { type: 'exponential', delay: 250 }, removeOnComplete: true, removeOnFail: true },
    });
    expect(debouncedSlaEvaluationJob(5000)).toEqual({
      name: 'sla-evaluation',
      data: {},
      opts: { jobId: 'sla-evaluation-after-ingest', delay: 5000, removeOnComplete: true, removeOnFail: true },
    });
  });

  it('are each a job name their queue carries', () => {
    expect(QUEUE_JOBS[INGEST_QUEUE]).toContain(ingestBatchJob('b', 1).name);
    expect(QUEUE_JOBS[ALERTS_QUEUE]).toContain(alertDeliveryJob('d', 1, 1).name);
    expect(QUEUE_JOBS[SLA_QUEUE]).toContain(debouncedSlaEvaluationJob(1).name);
  });
});

describe('addBestEffort', () => {
  const jobs = [ingestBatchJob('b-1', 3)];

  it('adds the jobs and answers null', async () => {
    const added: unknown[] = [];
    await expect(addBestEffort({ addBulk: async (given) => added.push(...given) }, jobs)).resolves.toBeNull();
    expect(added).toEqual(jobs);
  });

  it('answers the error instead of throwing when Redis refuses', async () => {
    const error = await addBestEffort({ addBulk: () => Promise.reject(new Error('connection refused')) }, jobs);
    expect(error?.message).toBe('connection refused');
  });

  it('gives up on a queue that never answers', async () => {
    const error = await addBestEffort({ addBulk: () => new Promise(() => undefined) }, jobs, 5);
    expect(error?.message).toBe('timed out');
  });

  it('does not touch the queue for no jobs', async () => {
    await expect(addBestEffort({ addBulk: () => Promise.reject(new Error('called')) }, [])).resolves.toBeNull();
  });
});

describe('freeDeadJobIds', () => {
  // The state of each job as Redis reports it; remove answers 0 for a locked (running) job, as BullMQ does.
  const queueWith = (states: Record<string, string>, locked: string[] = []) => {
    const removed: string[] = [];
    return {
      removed,
      getJobState: async (id: string) => states[id] ?? 'unknown',
      remove: async (id: string) => {
        if (locked.includes(id)) return 0;
        removed.push(id);
        return 1;
      },
    };
  };

  it('removes the jobs of pending rows that will never run, and leaves waiting, delayed and running ones', async () => {
    const queue = queueWith({ w: 'waiting', d: 'delayed', a: 'active', p: 'prioritized', c: 'completed', f: 'failed', o: 'unknown' }, ['a']);
    await expect(freeDeadJobIds(queue, ['w', 'd', 'a', 'p', 'c', 'f', 'o', 'gone'])).resolves.toBe(4);
    expect(queue.removed).toEqual(['c', 'f', 'o', 'gone']);
  });

  it('looks only at the first `limit` ids', async () => {
    const queue = queueWith({});
    await expect(freeDeadJobIds(queue, ['x', 'y', 'z'], 2)).resolves.toBe(2);
    expect(queue.removed).toEqual(['x', 'y']);
  });
});
