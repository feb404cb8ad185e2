import { describe, expect, it } from '@jest/globals';
import { formatEta, formatPercent, formatTaskRate, parseBackgroundTasks, progressValueText, taskKindLabel, taskStatusText } from './background-tasks.util';

const TASK = {
  id: '0b6f3c1e-54a2-4f0e-8d7c-1a2b3c4d5e6f',
  kind: 'remap',
  label: 'correios: 2 changed code(s)',
  status: 'running',
  phase: null,
  done: 450,
  total: 1000,
  percent: 45,
  rate: 15,
  etaSeconds: 37,
  startedAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:30.000Z',
  finishedAt: null,
  error: null,
};

describe('parseBackgroundTasks', () => {
  it('reads the API answer', () => {
    expect(parseBackgroundTasks({ tasks: [TASK] })).toEqual([TASK]);
    expect(parseBackgroundTasks({ tasks: [] })).toEqual([]);
  });

  it('names the field of an answer from another API version', () => {
    expect(() => parseBackgroundTasks({ tasks: [{ ...TASK, status: 'paused' }] })).toThrow('body.tasks[0].status must be one of running, completed, failed, stalled');
    expect(() => parseBackgroundTasks({ tasks: [{ ...TASK, percent: '45' }] })).toThrow('body.tasks[0].percent must be a number');
    expect(() => parseBackgroundTasks({})).toThrow('body.tasks must be an array');
  });
});

describe('background task formatting', () => {
  it('labels the kinds as the command line and the README do', () => {
    expect(taskKindLabel('rebuild')).toBe('KPI rebuild');
    expect(taskKindLabel('remap')).toBe('Code-map re-map');
  });

  it('says how long a stalled task has not moved', () => {
    expect(taskStatusText('stalled')).toBe('Stalled: no progress for 10 min');
    expect(taskStatusText('completed')).toBe('Completed');
  });

  it('gives slow rates a decimal and no rate a dash', () => {
    expect(formatTaskRate(2.46, { locale: 'en' })).toBe('2.5/s');
    expect(formatTaskRate(0, { locale: 'en' })).toBe('0/s');
    expect(formatTaskRate(12_345.6, { locale: 'en' })).toBe('12,346/s');
    expect(formatTaskRate(null)).toBe('—');
  });

  it('writes the time left in seconds, minutes or hours', () => {
    expect(formatEta(null)).toBe('—');
    expect(formatEta(0)).toBe('0 s');
    expect(formatEta(59)).toBe('59 s');
    expect(formatEta(200)).toBe('3 min 20 s');
    expect(formatEta(7_500)).toBe('2 h 5 min');
  });

  it('describes the progress bar with the share and the counts', () => {
    expect(formatPercent(100, { locale: 'en' })).toBe('100.0 %');
    expect(progressValueText({ percent: 45, done: 4500, total: 10_000 }, { locale: 'en' })).toBe('45.0 %, 4,500 of 10,000');
  });
});
