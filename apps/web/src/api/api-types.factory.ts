import type { CarrierScorecard, Scorecards } from './api-types';

// Test data shaped like the contract's example, with overrides per scenario.
export function carrierScorecardFactory(overrides: Partial<CarrierScorecard> = {}): CarrierScorecard {
  return {
    carrier: 'correios',
    name: 'Correios',
    kpis: {
      transit: { count: 812, meanDays: 9.41, stddevDays: 2.87, varianceDays: 8.24, p50Days: 8.9, p90Days: 13.2, p95Days: 15 },
      customsHold: { count: 790, meanHours: 51.2, p50Hours: 38, p90Hours: 110.5 },
      firstAttempt: { attempted: 801, delivered: 702, rate: 0.8764, ci95: { low: 0.85, high: 0.9 } },
      onTime: { delivered: 812, onTime: 761, rate: 0.9372, ci95: { low: 0.92, high: 0.95 } },
    },
    censoredTransit: { cohort: 900, delivered: 812, censored: 88, medianDays: 9.1, p90Days: 14.2 },
    feed: {
      events: 12000,
      latencyP50Hours: 2.1,
      latencyP95Hours: 9.5,
      unmapped: 30,
      unmappedRate: 0.0025,
      unmappedCi95: { low: 0.0017, high: 0.0036 },
    },
    silence: { active: 120, silent: 7, silentRate: 0.058, silentCi95: { low: 0.03, high: 0.1 }, lost: 1 },
    handovers: [],
    corridors: [],
    ...overrides,
  };
}

export function emptyKpis(): CarrierScorecard['kpis'] {
  return { transit: null, customsHold: null, firstAttempt: null, onTime: null };
}

export function scorecardsFactory(carriers: CarrierScorecard[] = [carrierScorecardFactory()]): Scorecards {
  return { from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z', asOf: '2026-11-08T00:00:00Z', carriers };
}
