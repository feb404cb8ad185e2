import { describe, expect, it } from '@jest/globals';
import { formatCompactCount } from './format.util';

describe('formatCompactCount', () => {
  it('gives neighbouring axis ticks below a million distinct labels', () => {
    const labels = [38190, 38192.5, 38195, 38197.5, 38200].map(formatCompactCount);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('keeps millions short', () => {
    expect(formatCompactCount(4_952_300)).toMatch(/^4[.,]952\s?M$/);
  });
});
