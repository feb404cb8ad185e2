import { describe, expect, it } from '@jest/globals';
import { alertBreach, policyBody } from '@lanewatch/domain/testing';
import { parseBreachDetail, parseBreaches, parsePolicies } from './sla-types';

// Bodies as apps/api sends them (breach-view.ts, breaches.service.ts, sla-policies.service.ts).
const BREACH = {
  ...alertBreach({
    id: 'b1',
    policyId: 'p1',
    policyName: 'Correios first attempt',
    windowFrom: '2026-11-01T00:00:00.000Z',
    windowTo: '2026-11-08T00:00:00.000Z',
    status: 'acknowledged',
    openedAt: '2026-11-08T00:00:00.000Z',
    lastEvaluatedAt: '2026-11-08T00:15:00.000Z',
    acknowledgedAt: '2026-11-08T09:00:00.000Z',
    acknowledgedBy: 'ana@example.com',
  }),
  acknowledgedNote: 'strike',
  evidence: {
    evaluatedAt: '2026-11-08T00:15:00.000Z',
    value: 0.842,
    sample: 233,
    successes: 196,
    parcels: [
      {
        carrier: 'correios',
        trackingNumber: 'NL1BR',
        shipmentPath: '/api/v1/shipments/correios/NL1BR',
        value: null,
        at: '2026-11-05T10:00:00.000Z',
        reason: 'failed first attempt',
      },
    ],
  },
};

describe('parseBreaches', () => {
  it('reads a breach with its evidence parcels', () => {
    const [breach] = parseBreaches([BREACH]);
    expect(breach).toMatchObject({ id: 'b1', severity: 'critical', status: 'acknowledged', value: 0.842, acknowledgedNote: 'strike' });
    expect(breach.evidence.parcels).toEqual([
      { carrier: 'correios', trackingNumber: 'NL1BR', value: null, at: '2026-11-05T10:00:00.000Z', reason: 'failed first attempt', failureReason: null },
    ]);
  });

  it('names the field of a mismatched body', () => {
    expect(() => parseBreaches([{ ...BREACH, severity: 'urgent' }])).toThrow('breaches[0].severity must be one of critical, major, minor');
  });
});

describe('parseBreachDetail', () => {
  it('reads the transitions with who acknowledged and their note', () => {
    const detail = parseBreachDetail({
      ...BREACH,
      transitions: [
        { transition: 'opened', at: '2026-11-08T00:00:00.000Z' },
        { transition: 'acknowledged', at: '2026-11-08T09:00:00.000Z', detail: { by: 'ana@example.com', note: 'strike' } },
      ],
    });
    expect(detail.transitions).toEqual([
      { transition: 'opened', at: '2026-11-08T00:00:00.000Z', reminder: null, detail: null },
      { transition: 'acknowledged', at: '2026-11-08T09:00:00.000Z', reminder: null, detail: { by: 'ana@example.com', note: 'strike' } },
    ]);
  });
});

describe('parsePolicies', () => {
  it('keeps burn rate and Wilson guard for a later PUT', () => {
    const [policy] = parsePolicies([
      {
        ...policyBody({ name: 'x', carrier: '*', corridor: null, minSample: 20, severity: 'major', burnRate: { shortWindowDays: 1, longWindowDays: 7 }, wilsonGuard: true }),
        id: 'p1',
        contract: null,
        effectiveFrom: null,
        createdAt: '2026-11-01T00:00:00.000Z',
        updatedAt: '2026-11-01T00:00:00.000Z',
      },
    ]);
    expect(policy).toMatchObject({ carrier: '*', corridor: null, burnRate: { shortWindowDays: 1, longWindowDays: 7 }, wilsonGuard: true });
  });
});
