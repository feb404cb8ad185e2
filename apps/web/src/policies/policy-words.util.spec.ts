import { describe, expect, it } from '@jest/globals';
import { errorInWords, formatThresholdInput, metricWords, parseThreshold, requirementWords } from './policy-words.util';

describe('parseThreshold for a rate', () => {
  it.each([
    ['95%', 0.95],
    ['95 %', 0.95],
    ['95', 0.95],
    [' 99,5% ', 0.995],
    ['0', 0],
    ['100%', 1],
    ['60.6', 0.606],
  ])('"%s" is %s', (input, value) => {
    expect(parseThreshold(input, 'first_attempt_rate')).toEqual({ value });
  });

  it.each([
    ['', 'Enter a percentage, such as 95%.'],
    ['ninety', 'Enter a percentage from 0 to 100, such as 95%.'],
    ['95 days', 'Enter a percentage from 0 to 100, such as 95%.'],
    ['-5%', 'Enter a percentage from 0 to 100, such as 95%.'],
    ['101%', 'A percentage cannot be above 100%.'],
  ])('"%s" is refused in words', (input, error) => {
    expect(parseThreshold(input, 'on_time_rate')).toEqual({ error });
  });
});

describe('parseThreshold for a duration', () => {
  it('takes a number with or without its unit', () => {
    expect(parseThreshold('5', 'transit_p90_days')).toEqual({ value: 5 });
    expect(parseThreshold('5.5 days', 'transit_p90_days')).toEqual({ value: 5.5 });
    expect(parseThreshold('36 h', 'customs_hold_p90_hours')).toEqual({ value: 36 });
  });

  it('refuses a percentage or the wrong unit', () => {
    expect(parseThreshold('95%', 'transit_p90_days')).toEqual({ error: 'Enter a number of days, such as 5 days.' });
    expect(parseThreshold('3 days', 'customs_hold_p90_hours')).toEqual({ error: 'Enter a number of hours, such as 48 hours.' });
  });
});

describe('words', () => {
  it('a stored rate shows as the percentage it was typed as', () => {
    expect(formatThresholdInput(0.95, 'first_attempt_rate')).toBe('95%');
    expect(formatThresholdInput(0.995, 'first_attempt_rate')).toBe('99.5%');
    expect(formatThresholdInput(4, 'transit_p90_days')).toBe('4');
  });

  it('metrics and comparisons read as words', () => {
    expect(metricWords('first_attempt_rate')).toBe('First-attempt delivery rate');
    expect(requirementWords({ metric: 'first_attempt_rate', op: 'gte', threshold: 0.9 })).toBe('at least 90.0 %');
    expect(requirementWords({ metric: 'transit_p90_days', op: 'lte', threshold: 5 })).toBe('at most 5.0 d');
  });

  it('API errors lose their field key and metric keys', () => {
    expect(errorInWords('threshold must be from 0 to 1 for first_attempt_rate (a rate)')).toBe('Must be from 0 to 1 for first-attempt delivery rate (a rate)');
    expect(errorInWords("carrier 'dhl' is not a registered carrier")).toBe("'dhl' is not a registered carrier");
    expect(errorInWords('corridor must be null for feed_latency_p95_hours: it is measured per carrier')).toBe(
      'Must be null for tracking feed delay, 95th percentile: it is measured per carrier',
    );
  });
});
