import { describe, expect, it } from '@jest/globals';
import { policyBody, slaPolicy } from '@lanewatch/domain/testing';
import type { SlaPolicy } from '../api/sla-types';
import { bodyFromDraft, describePolicyScope, draftFromPolicy, errorsByField } from './policy-form.util';

const modes = { burnRate: { shortWindowDays: 1, longWindowDays: 7 }, wilsonGuard: true };
const policy: SlaPolicy = { ...slaPolicy(modes), id: 'p1', contract: null, updatedAt: null, status: null };

describe('draftFromPolicy and bodyFromDraft', () => {
  it('an unchanged policy goes back as it came, the modes the form does not show included', () => {
    expect(draftFromPolicy(policy).threshold).toBe('90%');
    expect(bodyFromDraft(draftFromPolicy(policy), policy).body).toEqual(policyBody(modes));
  });

  it('"95%" and "95" are both 0.95 for a rate', () => {
    const draft = { ...draftFromPolicy(null), name: 'p' };
    expect(bodyFromDraft({ ...draft, threshold: '95%' }, null).body.threshold).toBe(0.95);
    expect(bodyFromDraft({ ...draft, threshold: '95' }, null).body.threshold).toBe(0.95);
  });

  it('says in words, next to the field, what is wrong before anything is sent', () => {
    const { body, errors } = bodyFromDraft({ ...draftFromPolicy(null), name: ' ', threshold: 'ninety', windowDays: '120', minSample: '2.5' }, null);
    expect(errors.fields).toEqual({
      name: ['Give the policy a name, such as “La Poste FR-FR first attempt”.'],
      threshold: ['Enter a percentage from 0 to 100, such as 95%.'],
      windowDays: ['Enter a whole number of days from 1 to 90.'],
      minSample: ['Enter a whole number of parcels, at least 1.'],
    });
    expect('threshold' in body).toBe(false);
    expect('burnRate' in body).toBe(false);
  });

  it('an empty scope field aggregates (null); a feed metric is never narrowed by lane', () => {
    expect(bodyFromDraft({ ...draftFromPolicy(policy), corridor: '  ' }, policy).body.corridor).toBeNull();
    expect(bodyFromDraft({ ...draftFromPolicy(policy), metric: 'feed_latency_p95_hours', threshold: '48' }, policy).body).toMatchObject({ carrier: 'correios', corridor: null });
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
        threshold: ['Must be from 0 to 1 for first-attempt delivery rate (a rate)'],
        windowDays: ['Must be an integer from 1 to 90'],
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
