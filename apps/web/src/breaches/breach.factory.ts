import type { Breach } from '../api/sla-types';

// Test data shaped like sla.md §3's example, with overrides per scenario.
export function breachFactory(overrides: Partial<Breach> = {}): Breach {
  return {
    id: '6f1c1d4e-0000-4000-8000-000000000001',
    policyId: '6f1c1d4e-0000-4000-8000-0000000000aa',
    policyName: 'Correios first attempt',
    severity: 'critical',
    carrier: 'correios',
    carrierName: 'Correios',
    corridor: 'CN-BR',
    serviceLevel: null,
    metric: 'first_attempt_rate',
    op: 'gte',
    threshold: 0.9,
    value: 0.842,
    worstValue: 0.81,
    sample: 233,
    windowFrom: '2026-11-01T00:00:00.000Z',
    windowTo: '2026-11-08T00:00:00.000Z',
    status: 'open',
    openedAt: '2026-11-08T00:00:00.000Z',
    wrongSideSince: '2026-11-07T18:30:00.000Z',
    lastEvaluatedAt: '2026-11-08T00:15:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    acknowledgedNote: null,
    resolvedAt: null,
    evidence: { evaluatedAt: '2026-11-08T00:15:00.000Z', successes: 196, matching: 37, parcels: [] },
    ...overrides,
  };
}
