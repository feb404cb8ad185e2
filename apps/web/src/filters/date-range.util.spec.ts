import { describe, expect, it } from '@jest/globals';
import { DAY_MS } from '@lanewatch/domain';
import {
  chooseBucket,
  describeRangeProblem,
  inclusiveDateInputs,
  matchPreset,
  parseUtcDateInput,
  presetRange,
  rangeFromDateInputs,
} from './date-range.util';

const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-11-20T15:42:10Z');

describe('presetRange', () => {
  it('ends at the next UTC midnight so today is included', () => {
    expect(presetRange({ presetId: 'last-7-days', nowMs: NOW })).toEqual({
      fromMs: at('2026-11-14T00:00:00Z'),
      toMs: at('2026-11-21T00:00:00Z'),
    });
  });

  it('spans exactly the preset number of days on UTC midnights', () => {
    for (const presetId of ['last-7-days', 'last-30-days', 'last-90-days'] as const) {
      const range = presetRange({ presetId, nowMs: NOW });
      expect(range.fromMs % DAY_MS).toBe(0);
      expect(describeRangeProblem(range)).toBeNull();
    }
    const ninety = presetRange({ presetId: 'last-90-days', nowMs: NOW });
    expect((ninety.toMs - ninety.fromMs) / DAY_MS).toBe(90);
  });

  it('does not move at exactly midnight UTC', () => {
    expect(presetRange({ presetId: 'last-7-days', nowMs: at('2026-11-21T00:00:00Z') }).toMs).toBe(at('2026-11-22T00:00:00Z'));
  });
});

describe('matchPreset', () => {
  it('recognises the range a preset produced the same day', () => {
    const range = presetRange({ presetId: 'last-30-days', nowMs: NOW });
    expect(matchPreset({ range, nowMs: NOW + 3_600_000 })).toBe('last-30-days');
  });

  it('calls a shared link from an earlier day custom: it is a fixed window, not "the last 30 days"', () => {
    const range = presetRange({ presetId: 'last-30-days', nowMs: NOW - 2 * DAY_MS });
    expect(matchPreset({ range, nowMs: NOW })).toBeNull();
  });
});

describe('describeRangeProblem', () => {
  it('rejects bounds off the quarter hour', () => {
    expect(describeRangeProblem({ fromMs: at('2026-11-01T00:10:00Z'), toMs: at('2026-11-02T00:00:00Z') })).toMatch(/quarter hour/);
  });

  it('rejects an empty or reversed window', () => {
    expect(describeRangeProblem({ fromMs: at('2026-11-02T00:00:00Z'), toMs: at('2026-11-02T00:00:00Z') })).toMatch(/before/);
  });

  it('rejects a window longer than the API allows', () => {
    expect(describeRangeProblem({ fromMs: at('2025-01-01T00:00:00Z'), toMs: at('2026-11-01T00:00:00Z') })).toMatch(/400 days/);
  });

  it('accepts quarter-hour bounds off midnight', () => {
    expect(describeRangeProblem({ fromMs: at('2026-11-01T06:45:00Z'), toMs: at('2026-11-02T00:00:00Z') })).toBeNull();
  });
});

describe('chooseBucket', () => {
  it('uses days up to 45 days', () => {
    expect(chooseBucket({ fromMs: 0, toMs: 45 * DAY_MS })).toBe('day');
  });

  it('uses weeks beyond 45 days', () => {
    expect(chooseBucket({ fromMs: 0, toMs: 45 * DAY_MS + 900_000 })).toBe('week');
    expect(chooseBucket(presetRange({ presetId: 'last-90-days', nowMs: NOW }))).toBe('week');
    expect(chooseBucket(presetRange({ presetId: 'last-30-days', nowMs: NOW }))).toBe('day');
  });
});

describe('date inputs', () => {
  it('rejects days that do not exist', () => {
    expect(parseUtcDateInput('2026-02-31')).toBeNull();
    expect(parseUtcDateInput('')).toBeNull();
    expect(parseUtcDateInput('2026-2-3')).toBeNull();
  });

  it('shows the last included day, not the exclusive end', () => {
    expect(inclusiveDateInputs({ fromMs: at('2026-11-01T00:00:00Z'), toMs: at('2026-11-08T00:00:00Z') })).toEqual({
      firstDay: '2026-11-01',
      lastDay: '2026-11-07',
    });
  });

  it('turns an inclusive pair of days into a window ending at the following midnight', () => {
    expect(rangeFromDateInputs({ firstDay: '2026-11-01', lastDay: '2026-11-07' })).toEqual({
      ok: true,
      range: { fromMs: at('2026-11-01T00:00:00Z'), toMs: at('2026-11-08T00:00:00Z') },
    });
  });

  it('accepts a single day', () => {
    const result = rangeFromDateInputs({ firstDay: '2026-11-01', lastDay: '2026-11-01' });
    expect(result.ok && result.range.toMs - result.range.fromMs).toBe(DAY_MS);
  });

  it('explains a reversed, missing or too long choice', () => {
    expect(rangeFromDateInputs({ firstDay: '2026-11-07', lastDay: '2026-11-01' })).toEqual({
      ok: false,
      error: 'The last day must not be before the first day.',
    });
    expect(rangeFromDateInputs({ firstDay: '', lastDay: '2026-11-01' }).ok).toBe(false);
    expect(rangeFromDateInputs({ firstDay: '2024-01-01', lastDay: '2026-11-01' })).toEqual({
      ok: false,
      error: 'The range must be at most 400 days.',
    });
  });
});
