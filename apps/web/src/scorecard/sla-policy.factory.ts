import type { SlaPolicy } from '../api/sla-types';

export function slaPolicyFactory(overrides: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    id: 'policy-1',
    name: 'Correios transit p95',
    contract: null,
    carrier: 'correios',
    corridor: null,
    serviceLevel: null,
    metric: 'transit_p95_days',
    op: 'lte',
    threshold: 16,
    windowDays: 7,
    minSample: 30,
    severity: 'major',
    enabled: true,
    burnRate: null,
    wilsonGuard: false,
    updatedAt: null,
    status: null,
    ...overrides,
  };
}
