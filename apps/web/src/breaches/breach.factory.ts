import { alertBreach } from '@lanewatch/domain/testing';
import type { Breach } from '../api/sla-types';

// Test data shaped like sla.md §3's example (the domain's, with what the API adds), with overrides per scenario.
export function breachFactory(overrides: Partial<Breach> = {}): Breach {
  return {
    ...alertBreach({
      id: '6f1c1d4e-0000-4000-8000-000000000001',
      policyId: '6f1c1d4e-0000-4000-8000-0000000000aa',
      policyName: 'Correios first attempt',
      windowFrom: '2026-11-01T00:00:00.000Z',
      windowTo: '2026-11-08T00:00:00.000Z',
      openedAt: '2026-11-08T00:00:00.000Z',
      lastEvaluatedAt: '2026-11-08T00:15:00.000Z',
    }),
    carrierName: 'Correios',
    wrongSideSince: '2026-11-07T18:30:00.000Z',
    acknowledgedNote: null,
    evidence: { evaluatedAt: '2026-11-08T00:15:00.000Z', successes: 196, matching: 37, parcels: [] },
    ...overrides,
  };
}
