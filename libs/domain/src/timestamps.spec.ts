import { HOUR_MS, QUARTER_HOUR_MS } from './time-units';
import { gridInstant } from './timestamps';

describe('gridInstant', () => {
  const read = (value: string, stepMs: number) => {
    const errors: string[] = [];
    return { epochMs: gridInstant({ name: 'from', value, stepMs, offGrid: 'must fall on the grid', errors }), errors };
  };

  it('reads an instant on the grid, whatever offset wrote it', () => {
    expect(read('2026-11-01T00:00:00-03:00', HOUR_MS)).toEqual({ epochMs: Date.parse('2026-11-01T03:00:00Z'), errors: [] });
  });

  it('names the grid for an instant off it, and still reads it', () => {
    expect(read('2026-11-01T00:10:00Z', QUARTER_HOUR_MS)).toEqual({ epochMs: Date.parse('2026-11-01T00:10:00Z'), errors: ['from must fall on the grid'] });
  });

  it('is null for what is not an instant with an offset', () => {
    expect(read('2026-11-01T00:00:00', HOUR_MS)).toEqual({ epochMs: null, errors: ['from must include a UTC offset (e.g. -03:00) or Z'] });
  });
});
