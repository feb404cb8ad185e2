import { describe, expect, it } from '@jest/globals';
import { figure, monthAround } from './review-format.util';

describe('review formatting', () => {
  it('moves across a year end both ways', () => {
    expect(monthAround('2026-12', 1)).toBe('2027-01');
    expect(monthAround('2026-01', -1)).toBe('2025-12');
  });

  it('shows rates in per cent, other figures with two decimals, and no data as n/a', () => {
    expect(figure(0.8125, 'first_attempt_rate')).toBe('81.3 %');
    expect(figure(3.456, 'transit_p90_days')).toBe('3.46');
    expect(figure(null, 'on_time_rate')).toBe('n/a');
  });
});
