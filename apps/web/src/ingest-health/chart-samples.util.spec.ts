import { describe, expect, it } from '@jest/globals';
import { appendChartSample, type ChartSample } from './chart-samples.util';

function sampleAt(at: number): ChartSample {
  return { at, eventsStored: at * 10, duplicates: at };
}

describe('appendChartSample', () => {
  it('appends to the end while under the budget', () => {
    const samples = [sampleAt(1), sampleAt(2)];
    expect(appendChartSample({ samples, sample: sampleAt(3), maxSamples: 5 }).map((s) => s.at)).toEqual([1, 2, 3]);
  });

  it('does not mutate the samples it was given', () => {
    const samples = [sampleAt(1)];
    appendChartSample({ samples, sample: sampleAt(2), maxSamples: 5 });
    expect(samples).toHaveLength(1);
  });

  it('thins the history instead of dropping the start once the budget is exceeded', () => {
    const samples = [1, 2, 3, 4].map(sampleAt);
    const result = appendChartSample({ samples, sample: sampleAt(5), maxSamples: 4 });
    expect(result.map((s) => s.at)).toEqual([1, 3, 5]);
  });

  it('stays within the budget over a long session and keeps the first and latest sample', () => {
    let samples: ChartSample[] = [];
    for (let at = 1; at <= 10_000; at += 1) {
      samples = appendChartSample({ samples, sample: sampleAt(at), maxSamples: 100 });
      expect(samples.length).toBeLessThanOrEqual(100);
    }
    expect(samples[0].at).toBe(1);
    expect(samples[samples.length - 1].at).toBe(10_000);
  });

  it('rejects a budget too small to draw a line', () => {
    expect(() => appendChartSample({ samples: [], sample: sampleAt(1), maxSamples: 1 })).toThrow(RangeError);
  });
});
