import { describe, expect, it } from '@jest/globals';
import type { KpiGroupRow } from '../api/api-types';
import { buildHeatmap, corridorMetric, heatmapKey, laneCarriersCsv, laneCarriersCsvFileName, splitCorridor } from './corridor-heatmap.util';

function laneRow(corridor: string | null, overrides: Partial<KpiGroupRow> = {}): KpiGroupRow {
  return {
    carrier: null,
    corridor,
    serviceLevel: null,
    transit: { count: 20, meanDays: 8, stddevDays: 1, varianceDays: 1, p50Days: 7, p90Days: 11, p95Days: 12 },
    customsHold: null,
    firstAttempt: { attempted: 20, delivered: 18, rate: 0.9, ci95: null },
    onTime: null,
    ...overrides,
  };
}

describe('corridorMetric', () => {
  it('falls back to transit p95 for an unknown or missing id', () => {
    expect(corridorMetric('nonsense').id).toBe('transitP95');
    expect(corridorMetric(null).id).toBe('transitP95');
    expect(corridorMetric('onTimeRate').id).toBe('onTimeRate');
  });
});

describe('splitCorridor', () => {
  it('splits origin and destination and refuses anything else', () => {
    expect(splitCorridor('CN-BR')).toEqual({ origin: 'CN', destination: 'BR' });
    expect(splitCorridor('CNBR')).toBeNull();
  });
});

describe('buildHeatmap', () => {
  const rows = [
    laneRow('CN-BR', { transit: { count: 30, meanDays: 1, stddevDays: 1, varianceDays: 1, p50Days: 1, p90Days: 1, p95Days: 20 } }),
    laneRow('CN-DE'),
    laneRow('US-BR', { transit: null }),
    laneRow(null),
  ];

  it('puts each lane at its origin row and destination column, sorted', () => {
    const heatmap = buildHeatmap({ rows, metric: corridorMetric('transitP95') });
    expect(heatmap.origins).toEqual(['CN', 'US']);
    expect(heatmap.destinations).toEqual(['BR', 'DE']);
    expect(heatmap.cells.get(heatmapKey('US', 'DE'))).toBeUndefined();
  });

  it('darkens the slowest lane for a duration', () => {
    const heatmap = buildHeatmap({ rows, metric: corridorMetric('transitP95') });
    expect(heatmap.cells.get('CN-BR')?.heat).toBe(1);
    expect(heatmap.cells.get('CN-DE')?.heat).toBe(0);
  });

  it('darkens the lowest rate for a rate', () => {
    const rateRows = [
      laneRow('CN-BR', { firstAttempt: { attempted: 10, delivered: 5, rate: 0.5, ci95: null } }),
      laneRow('CN-DE', { firstAttempt: { attempted: 10, delivered: 9, rate: 0.9, ci95: null } }),
    ];
    const heatmap = buildHeatmap({ rows: rateRows, metric: corridorMetric('firstAttemptRate') });
    expect(heatmap.cells.get('CN-BR')?.heat).toBe(1);
    expect(heatmap.cells.get('CN-DE')?.heat).toBe(0);
  });

  it('keeps a lane without data as a cell with no heat and says so in its label', () => {
    const cell = buildHeatmap({ rows, metric: corridorMetric('transitP95') }).cells.get('US-BR');
    expect(cell?.heat).toBeNull();
    expect(cell?.label).toBe('US to BR: Transit p95 no data, no sample. Show carriers on this lane.');
  });

  it('gives a lone lane with data the best heat', () => {
    const heatmap = buildHeatmap({ rows: [laneRow('CN-BR')], metric: corridorMetric('transitP50') });
    expect(heatmap.cells.get('CN-BR')?.heat).toBe(0);
  });
});

describe('laneCarriersCsv', () => {
  it('writes one line per carrier with empty cells for missing figures', () => {
    const csv = laneCarriersCsv([laneRow('CN-BR', { carrier: 'correios' })]);
    const [header, line] = csv.split('\r\n');
    expect(header.split(',')).toHaveLength(11);
    expect(line).toBe('correios,CN-BR,20,7,12,,,20,0.9,,');
  });

  it('names the file after the lane and the range', () => {
    expect(laneCarriersCsvFileName({ corridor: 'CN-BR', from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z' })).toBe(
      'lanewatch-lane-CN-BR-2026-11-01-2026-11-08.csv',
    );
  });
});
