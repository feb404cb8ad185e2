import { isWrongSide, wrongSideSince } from './wrong-side.util';

const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00Z`);

describe('isWrongSide', () => {
  it('gte: below the threshold is the wrong side, the threshold itself is not', () => {
    expect(isWrongSide({ op: 'gte', threshold: 0.85, value: 0.606 })).toBe(true);
    expect(isWrongSide({ op: 'gte', threshold: 0.85, value: 0.85 })).toBe(false);
  });

  it('lte: above the threshold is the wrong side', () => {
    expect(isWrongSide({ op: 'lte', threshold: 14, value: 14.5 })).toBe(true);
    expect(isWrongSide({ op: 'lte', threshold: 14, value: 14 })).toBe(false);
  });

  it('no value gives no side', () => {
    expect(isWrongSide({ op: 'gte', threshold: 0.9, value: null })).toBeNull();
  });
});

describe('wrongSideSince', () => {
  it('is the first evaluation of the latest wrong-side run, not the latest evaluation', () => {
    const points = [
      { evaluatedAt: at('10:00'), wrongSide: true },
      { evaluatedAt: at('10:15'), wrongSide: false },
      { evaluatedAt: at('10:30'), wrongSide: true },
      { evaluatedAt: at('10:45'), wrongSide: true },
      { evaluatedAt: at('11:00'), wrongSide: true },
    ];
    expect(wrongSideSince(points)).toEqual(at('10:30'));
  });

  it('does not depend on the order the evaluations come in', () => {
    const points = [
      { evaluatedAt: at('11:00'), wrongSide: true },
      { evaluatedAt: at('10:15'), wrongSide: false },
      { evaluatedAt: at('10:45'), wrongSide: true },
    ];
    expect(wrongSideSince(points)).toEqual(at('10:45'));
  });

  it('an evaluation without a value neither breaks nor starts the run', () => {
    const points = [
      { evaluatedAt: at('10:00'), wrongSide: true },
      { evaluatedAt: at('10:15'), wrongSide: null },
      { evaluatedAt: at('10:30'), wrongSide: true },
      { evaluatedAt: at('10:45'), wrongSide: null },
    ];
    expect(wrongSideSince(points)).toEqual(at('10:00'));
  });

  it('is null when the latest value is on the right side, or there is no value at all', () => {
    expect(wrongSideSince([{ evaluatedAt: at('10:00'), wrongSide: true }, { evaluatedAt: at('10:15'), wrongSide: false }])).toBeNull();
    expect(wrongSideSince([{ evaluatedAt: at('10:00'), wrongSide: null }])).toBeNull();
    expect(wrongSideSince([])).toBeNull();
  });
});
