import { describe, expect, it } from '@jest/globals';
import { carrierScorecardFactory, emptyKpis, scorecardsFactory } from '../api/api-types.factory';
import { scorecardCsv, scorecardCsvFileName } from './scorecard-csv.util';

function parseCsvLines(csv: string): string[][] {
  return csv
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('scorecardCsv', () => {
  const correios = carrierScorecardFactory();
  const quiet = carrierScorecardFactory({
    carrier: 'quiet',
    name: 'Quiet Post',
    kpis: emptyKpis(),
    feed: null,
    silence: null,
    censoredTransit: null,
  });
  const scorecards = scorecardsFactory([correios, quiet]);

  it('writes one row per carrier in the order given, under one header', () => {
    const [header, ...rows] = parseCsvLines(scorecardCsv({ scorecards, rows: [quiet, correios] }));
    expect(header.slice(0, 3)).toEqual(['carrier', 'carrier_name', 'transit_mean_days']);
    expect(rows.map((row) => row[0])).toEqual(['quiet', 'correios']);
    expect(rows.every((row) => row.length === header.length)).toBe(true);
  });

  it('writes raw figures: rates as fractions with their interval bounds', () => {
    const [header, row] = parseCsvLines(scorecardCsv({ scorecards, rows: [correios] }));
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('first_attempt_rate')).toBe('0.8764');
    expect(cell('first_attempt_ci95_low')).toBe('0.85');
    expect(cell('first_attempt_ci95_high')).toBe('0.9');
    expect(cell('transit_p95_days')).toBe('15');
    expect(cell('unmapped_rate')).toBe('0.0025');
    expect(cell('lost_candidates')).toBe('1');
  });

  it('leaves cells empty, never 0, where there is no data', () => {
    const [header, row] = parseCsvLines(scorecardCsv({ scorecards, rows: [quiet] }));
    const figures = header.map((name, index) => [name, row[index]]).filter(([name]) => !/^(carrier|carrier_name|window_from|window_to|as_of)$/.test(name));
    expect(figures.every(([, value]) => value === '')).toBe(true);
  });

  it('states the window and the as-of instant on every row', () => {
    const [header, row] = parseCsvLines(scorecardCsv({ scorecards, rows: [correios] }));
    expect(header.slice(-3)).toEqual(['window_from', 'window_to', 'as_of']);
    expect(row.slice(-3)).toEqual(['2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z', '2026-11-08T00:00:00Z']);
  });
});

describe('scorecardCsvFileName', () => {
  it('names the first and the last included day', () => {
    expect(scorecardCsvFileName({ from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z' })).toBe(
      'lanewatch-scorecard-2026-11-01-to-2026-11-07.csv',
    );
  });

  it('falls back to a plain name when the window is unreadable', () => {
    expect(scorecardCsvFileName({ from: 'x', to: 'y' })).toBe('lanewatch-scorecard.csv');
  });
});
