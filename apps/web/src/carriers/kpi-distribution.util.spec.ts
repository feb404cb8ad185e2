import { describe, expect, it } from '@jest/globals';
import { binLabel, distributionBars, distributionCsv, distributionCsvFileName, edgeLabel, hasDistributionData, type KpiDistribution, parseKpiDistribution } from './kpi-distribution.util';

const distribution: KpiDistribution = {
  metric: 'customsHold',
  unit: 'hours',
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-11-21T00:00:00.000Z',
  count: 4,
  bins: [
    { from: 0, to: 2, count: 1 },
    { from: 2, to: 71.53843917957904, count: 0 },
    { from: 71.53843917957904, to: 334.4663238389133, count: 2 },
    { from: 334.4663238389133, to: null, count: 1 },
  ],
};

describe('parseKpiDistribution', () => {
  it('reads the bins with their open ends', () => {
    expect(parseKpiDistribution(JSON.parse(JSON.stringify(distribution)))).toEqual(distribution);
  });

  it('names a malformed bin', () => {
    expect(() => parseKpiDistribution({ ...distribution, bins: [{ from: 0, to: 2, count: 'x' }] })).toThrow('distribution.bins[0].count must be a number or null');
    expect(() => parseKpiDistribution({ ...distribution, unit: 'weeks' })).toThrow('distribution.unit must be one of hours, days');
  });
});

describe('edge and bin labels', () => {
  it('labels hours below two days in hours, longer holds in days near the round number', () => {
    expect(edgeLabel(6, 'hours')).toBe('6 h');
    expect(edgeLabel(48, 'hours')).toBe('2 d');
    expect(edgeLabel(71.53843917957904, 'hours')).toBe('3 d');
    expect(edgeLabel(166.66953817597025, 'hours')).toBe('7 d');
    expect(edgeLabel(334.4663238389133, 'hours')).toBe('14 d');
  });

  it('labels transit days to the half day below ten days, whole days above', () => {
    expect(edgeLabel(5.980737378433325, 'days')).toBe('6 d');
    expect(edgeLabel(44.63466057442215, 'days')).toBe('45 d');
    expect(edgeLabel(2.5, 'days')).toBe('2.5 d');
  });

  it('shows open bins with < and ≥', () => {
    expect(binLabel({ from: null, to: 0, count: 1 }, 'hours')).toBe('< 0 h');
    expect(binLabel({ from: 334.4663238389133, to: null, count: 1 }, 'hours')).toBe('≥ 14 d');
    expect(binLabel({ from: 0, to: 2, count: 1 }, 'hours')).toBe('0 h–2 h');
  });
});

describe('distribution bars', () => {
  it('gives each bin its share of the values', () => {
    expect(distributionBars(distribution).map((bar) => bar.share)).toEqual([0.25, 0, 0.5, 0.25]);
    expect(hasDistributionData(distribution)).toBe(true);
  });

  it('has no data, and no shares, when every bin is empty', () => {
    const empty = { ...distribution, count: 0, bins: distribution.bins.map((bin) => ({ ...bin, count: 0 })) };
    expect(hasDistributionData(empty)).toBe(false);
    expect(distributionBars(empty).every((bar) => bar.share === null)).toBe(true);
  });
});

describe('distributionCsv', () => {
  it('keeps edges to 2 decimals, empty cells for open ends, and the window on every row', () => {
    const lines = distributionCsv({ carrier: 'correios', distribution }).trimEnd().split('\r\n');
    expect(lines[0]).toBe('carrier,metric,from_hours,to_hours,count,window_from,window_to');
    expect(lines[3]).toBe('correios,customsHold,71.54,334.47,2,2026-11-01T00:00:00.000Z,2026-11-21T00:00:00.000Z');
    expect(lines[4]).toBe('correios,customsHold,334.47,,1,2026-11-01T00:00:00.000Z,2026-11-21T00:00:00.000Z');
  });

  it('names the file after the carrier, the metric and the days', () => {
    expect(distributionCsvFileName({ carrier: 'correios', distribution })).toBe('lanewatch-correios-customsHold-distribution-2026-11-01-2026-11-21.csv');
  });
});
