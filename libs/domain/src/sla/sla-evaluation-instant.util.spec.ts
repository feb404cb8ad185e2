import { slaEvaluationInstant } from './sla-evaluation-instant.util';

describe('slaEvaluationInstant', () => {
  it('floors to the quarter hour: rollups have 15-minute resolution', () => {
    expect(slaEvaluationInstant(new Date('2026-03-10T00:14:59.999Z')).toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(slaEvaluationInstant(new Date('2026-03-10T00:15:00.000Z')).toISOString()).toBe('2026-03-10T00:15:00.000Z');
  });
});
