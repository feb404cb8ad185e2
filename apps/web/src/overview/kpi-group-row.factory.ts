import type { KpiGroupRow } from '../api/api-types';

// A /kpis row shaped like kpis.md §5 (no intervals: /kpis rows carry none), with overrides per scenario.
export function kpiGroupRowFactory(overrides: Partial<KpiGroupRow> = {}): KpiGroupRow {
  return {
    carrier: 'correios',
    corridor: 'CN-BR',
    serviceLevel: null,
    transit: { count: 812, meanDays: 9.41, stddevDays: 2.87, varianceDays: 8.24, p50Days: 8.9, p90Days: 13.2, p95Days: 15 },
    customsHold: { count: 790, meanHours: 51.2, p50Hours: 38, p90Hours: 110.5 },
    firstAttempt: { attempted: 801, delivered: 702, rate: 0.8764, ci95: null },
    onTime: { delivered: 812, onTime: 761, rate: 0.9372, ci95: null },
    ...overrides,
  };
}
