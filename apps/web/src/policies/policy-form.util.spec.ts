import { describe, expect, it } from '@jest/globals';
import type { SlaPolicy } from '../api/sla-types';
import { bodyFromDraft, describePolicyScope, draftFromPolicy, errorsByField } from './policy-form.util';

const policy: SlaPolicy = {
  id: 'p1',
  name: 'Correios CN-BR first attempt',
  contract: null,
  carrier: 'correios',
  corridor: 'CN-BR',
  serviceLevel: null,
  metric: 'first_attempt_rate',
  op: 'gte',
  threshold: 0.9,
  windowDays: 7,
  minSample: 30,
  severity: 'critical',
  enabled: true,
  burnRate: { shortWindowDays: 1, longWindowDays: 7 },
  wilsonGuard: true,
  updatedAt: null,
};

describe('draftFromPolicy and bodyFromDraft', () => {
  it('an unchanged policy goes back as it came, the modes the form does not show included', () => {
    expect(bodyFromDraft(draftFromPolicy(policy), policy)).toEqual({
      name: 'Correios CN-BR first attempt',
      carrier: 'correios',
      corridor: 'CN-BR',
      serviceLevel: null,
      metric: 'first_attempt_rate',
      op: 'gte',
      threshold: 0.9,
      windowDays: 7,
      minSample: 30,
      severity: 'critical',
      enabled: true,
      burnRate: { shortWindowDays: 1, longWindowDays: 7 },
      wilsonGuard: true,
    });
  });

  it('leaves empty numbers out and sends text that is not a number as typed, for the API to name', () => {
    const body = bodyFromDraft({ ...draftFromPolicy(null), threshold: 'ninety', windowDays: '' }, null);
    expect(body.threshold).toBe('ninety');
    expect('windowDays' in body).toBe(false);
    expect('burnRate' in body).toBe(false);
  });

  it('an empty scope field aggregates (null)', () => {
    expect(bodyFromDraft({ ...draftFromPolicy(policy), corridor: '  ' }, policy).corridor).toBeNull();
  });
});

describe('errorsByField', () => {
  it('puts each API sentence next to the field it names', () => {
    expect(
      errorsByField([
        'threshold must be from 0 to 1 for first_attempt_rate (a rate)',
        'windowDays must be an integer from 1 to 90',
        'burnRate.shortWindowDays must be less than longWindowDays',
        'policy must be an object',
      ]),
    ).toEqual({
      fields: {
        threshold: ['threshold must be from 0 to 1 for first_attempt_rate (a rate)'],
        windowDays: ['windowDays must be an integer from 1 to 90'],
      },
      other: ['burnRate.shortWindowDays must be less than longWindowDays', 'policy must be an object'],
    });
  });
});

describe('describePolicyScope', () => {
  it('reads "*" as one verdict per value and null as the aggregate', () => {
    expect(describePolicyScope({ carrier: '*', corridor: 'CN-BR', serviceLevel: null })).toBe('each carrier · CN-BR · all service levels');
  });
});
