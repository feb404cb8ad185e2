// Test data with overrides, shared by the SLA specs.
import { AlertBreach } from './alert-message.util';
import { ActiveBreach } from './breach-transition.util';
import { SlaMeasurement } from './sla-measurement.util';
import { SLA_POLICY_EXAMPLE, SlaPolicy } from './sla-policy.schema';

export const AS_OF = new Date('2026-11-23T00:00:00.000Z');

export function policyBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...SLA_POLICY_EXAMPLE, ...overrides };
}

export function slaPolicy(overrides: Partial<SlaPolicy> = {}): SlaPolicy {
  return { ...SLA_POLICY_EXAMPLE, burnRate: null, wilsonGuard: false, ...overrides };
}

export function measurement(overrides: Partial<SlaMeasurement> = {}): SlaMeasurement {
  return { value: 0.842, sample: 233, successes: 196, ...overrides };
}

export function activeBreach(overrides: Partial<ActiveBreach> = {}): ActiveBreach {
  return {
    status: 'open',
    value: 0.85,
    worstValue: 0.81,
    sample: 240,
    windowFrom: new Date('2026-11-15T00:00:00.000Z'),
    windowTo: new Date('2026-11-22T00:00:00.000Z'),
    openedAt: new Date('2026-11-20T00:00:00.000Z'),
    lastEvaluatedAt: new Date('2026-11-22T00:00:00.000Z'),
    ...overrides,
  };
}

// A breach of the example policy.
export function alertBreach(overrides: Partial<AlertBreach> = {}): AlertBreach {
  const { name: policyName, severity, carrier, corridor, serviceLevel, metric, op, threshold } = SLA_POLICY_EXAMPLE;
  return {
    id: 'b-42',
    policyId: 'p-7',
    policyName,
    severity,
    carrier,
    corridor,
    serviceLevel,
    metric,
    op,
    threshold,
    value: 0.842,
    worstValue: 0.81,
    sample: 233,
    windowFrom: '2026-11-16T00:00:00.000Z',
    windowTo: '2026-11-23T00:00:00.000Z',
    status: 'open',
    openedAt: '2026-11-20T06:00:00.000Z',
    lastEvaluatedAt: '2026-11-23T00:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    ...overrides,
  };
}
