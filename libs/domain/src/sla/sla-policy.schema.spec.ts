import { parseSlaPolicy, SLA_POLICY_EXAMPLE, SlaPolicy } from './sla-policy.schema';
import { policyBody } from './sla-test.factory';

const errorsOf = (input: unknown) => {
  const result = parseSlaPolicy(input);
  if (result.ok) throw new Error('expected the policy to be rejected');
  return result.errors;
};
const valueOf = (input: unknown): SlaPolicy => {
  const result = parseSlaPolicy(input);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.value;
};

describe('parseSlaPolicy', () => {
  it('accepts the example of sla.md §1 as it is, with the defaults it leaves out', () => {
    expect(valueOf(SLA_POLICY_EXAMPLE)).toEqual({ ...SLA_POLICY_EXAMPLE, burnRate: null, wilsonGuard: false });
  });

  it('defaults minSample to 20, severity to major, enabled to true and scopes to null', () => {
    const { carrier: _c, corridor: _r, serviceLevel: _s, minSample: _m, severity: _v, enabled: _e, ...bare } = policyBody();
    expect(valueOf(bare)).toMatchObject({ carrier: null, corridor: null, serviceLevel: null, minSample: 20, severity: 'major', enabled: true, wilsonGuard: false, burnRate: null });
  });

  it('trims the name and rejects an empty or over-long one', () => {
    expect(valueOf(policyBody({ name: '  Lane  ' })).name).toBe('Lane');
    expect(errorsOf(policyBody({ name: '   ' }))).toEqual(['name must be 1-200 characters']);
    expect(errorsOf(policyBody({ name: 'x'.repeat(201) }))).toEqual(['name must be 1-200 characters']);
  });

  it('names every missing required field', () => {
    expect(errorsOf({})).toEqual(['name is required', 'metric is required', 'op is required', 'threshold is required', 'windowDays is required']);
  });

  it('rejects a threshold that is not a number', () => {
    expect(errorsOf(policyBody({ threshold: '0.9' }))).toEqual(['threshold must be a number']);
    expect(errorsOf(policyBody({ threshold: Number.NaN }))).toEqual(['threshold must be a number']);
  });

  it('keeps rate thresholds within 0..1, bounds included', () => {
    expect(errorsOf(policyBody({ threshold: 1.5 }))).toEqual(['threshold must be from 0 to 1 for first_attempt_rate (a rate)']);
    expect(errorsOf(policyBody({ metric: 'unmapped_rate', op: 'lte', corridor: null, threshold: -0.1 }))).toEqual(['threshold must be from 0 to 1 for unmapped_rate (a rate)']);
    expect(valueOf(policyBody({ threshold: 0 })).threshold).toBe(0);
    expect(valueOf(policyBody({ threshold: 1 })).threshold).toBe(1);
  });

  it('lets a duration threshold exceed 1 but not go negative', () => {
    expect(valueOf(policyBody({ metric: 'transit_p90_days', op: 'lte', threshold: 14 })).threshold).toBe(14);
    expect(errorsOf(policyBody({ metric: 'transit_p90_days', op: 'lte', threshold: -1 }))).toEqual(['threshold must not be negative for transit_p90_days']);
  });

  it.each([0, 91, 7.5, '7', null])('rejects windowDays %p', (windowDays) => {
    expect(errorsOf(policyBody({ windowDays }))).toEqual(['windowDays must be an integer from 1 to 90']);
  });

  it('accepts windowDays at both ends of 1..90', () => {
    expect(valueOf(policyBody({ windowDays: 1 })).windowDays).toBe(1);
    expect(valueOf(policyBody({ windowDays: 90 })).windowDays).toBe(90);
  });

  it('rejects an unknown metric, listing the metrics', () => {
    expect(errorsOf(policyBody({ metric: 'transit_p99_days' }))).toEqual([expect.stringMatching(/^metric must be one of transit_mean_days, .*, clock_within_rate$/)]);
  });

  it('accepts a clock metric only inside a contract file, where the policy runs on its contract clock', () => {
    expect(errorsOf(policyBody({ metric: 'clock_p90_days' }))).toEqual([
      "metric clock_p90_days is only valid in a contract file (lanewatch sla apply): it runs on the contract's clock",
    ]);
    expect(parseSlaPolicy(policyBody({ metric: 'clock_p90_days' }), { inContract: true }).ok).toBe(true);
  });

  it('rejects an op other than lte or gte', () => {
    expect(errorsOf(policyBody({ op: 'lt' }))).toEqual(['op must be lte or gte']);
  });

  it.each([0, 2.5, -1, '30'])('rejects minSample %p', (minSample) => {
    expect(errorsOf(policyBody({ minSample }))).toEqual(['minSample must be an integer of at least 1']);
  });

  it('rejects an unknown severity', () => {
    expect(errorsOf(policyBody({ severity: 'blocker' }))).toEqual(['severity must be one of critical, major, minor']);
  });

  it('rejects an enabled flag that is not a boolean', () => {
    expect(errorsOf(policyBody({ enabled: 'yes' }))).toEqual(['enabled must be true or false']);
  });

  it('accepts a carrier code, "*" or null as carrier and rejects anything else', () => {
    expect(valueOf(policyBody({ carrier: '*' })).carrier).toBe('*');
    expect(valueOf(policyBody({ carrier: null })).carrier).toBeNull();
    expect(errorsOf(policyBody({ carrier: 'Correios!' }))).toEqual(['carrier must be a carrier code, "*" or null']);
    expect(errorsOf(policyBody({ carrier: 7 }))).toEqual(['carrier must be a carrier code, "*" or null']);
  });

  it('accepts a corridor of two ISO alpha-2 codes, "*" or null', () => {
    expect(valueOf(policyBody({ corridor: '*' })).corridor).toBe('*');
    expect(valueOf(policyBody({ corridor: null })).corridor).toBeNull();
    for (const corridor of ['cn-br', 'CN_BR', 'XX-BR', 'CHN-BRA', '']) {
      expect(errorsOf(policyBody({ corridor }))).toEqual(['corridor must be a corridor such as CN-BR (ISO 3166-1 alpha-2 codes), "*" or null']);
    }
  });

  it('accepts a service level of 1-200 characters, "*" or null', () => {
    expect(valueOf(policyBody({ serviceLevel: 'express' })).serviceLevel).toBe('express');
    expect(valueOf(policyBody({ serviceLevel: '*' })).serviceLevel).toBe('*');
    expect(errorsOf(policyBody({ serviceLevel: '' }))).toEqual(['serviceLevel must be a service level of 1-200 characters, "*" or null']);
  });

  it('refuses "*" for both carrier and service level: the KPI API has no such grouping', () => {
    expect(errorsOf(policyBody({ carrier: '*', serviceLevel: '*' }))).toEqual([expect.stringMatching(/^serviceLevel cannot be "\*" while carrier is "\*"/)]);
  });

  it('keeps feed latency and unmapped rate to a carrier scope', () => {
    expect(errorsOf(policyBody({ metric: 'feed_latency_p95_hours', op: 'lte', threshold: 6, corridor: 'CN-BR' }))).toEqual([
      'corridor must be null for feed_latency_p95_hours: it is measured per carrier',
    ]);
    expect(valueOf(policyBody({ metric: 'unmapped_rate', op: 'lte', threshold: 0.02, corridor: null })).metric).toBe('unmapped_rate');
  });

  it('names an unknown field instead of ignoring it', () => {
    expect(errorsOf(policyBody({ treshold: 0.9 }))).toEqual(['treshold is not a known field']);
  });

  it('says a body that is not an object must be one', () => {
    expect(errorsOf(null)).toEqual(['policy must be an object']);
    expect(errorsOf([policyBody()])).toEqual(['policy must be an object']);
  });

  it('reports every problem at once, a bad field hiding no other', () => {
    expect(errorsOf(policyBody({ op: 'eq', threshold: 3, windowDays: 0 }))).toEqual([
      'op must be lte or gte',
      'windowDays must be an integer from 1 to 90',
      'threshold must be from 0 to 1 for first_attempt_rate (a rate)',
    ]);
  });

  it('prefixes every field with the given path', () => {
    expect(parseSlaPolicy(policyBody({ threshold: 'high', burnRate: { shortWindowDays: 1, longWindowDays: 7, extra: 1 } }), { path: 'policies[2]' })).toEqual({
      ok: false,
      errors: ['policies[2].threshold must be a number', 'policies[2].burnRate.extra is not a known field'],
    });
    expect(parseSlaPolicy('x', { path: 'policies[0]' })).toEqual({ ok: false, errors: ['policies[0] must be an object'] });
  });

  describe('wilsonGuard', () => {
    it('is accepted on rate metrics', () => {
      expect(valueOf(policyBody({ wilsonGuard: true })).wilsonGuard).toBe(true);
    });

    it('is refused on a duration metric', () => {
      expect(errorsOf(policyBody({ metric: 'transit_p90_days', op: 'lte', threshold: 14, wilsonGuard: true }))).toEqual([
        'wilsonGuard only applies to rate metrics, not to transit_p90_days',
      ]);
    });

    it('must be a boolean', () => {
      expect(errorsOf(policyBody({ wilsonGuard: 1 }))).toEqual(['wilsonGuard must be true or false']);
    });
  });

  describe('burnRate', () => {
    it('takes a short window shorter than the long one, which is the policy window', () => {
      expect(valueOf(policyBody({ burnRate: { shortWindowDays: 1, longWindowDays: 7 } })).burnRate).toEqual({ shortWindowDays: 1, longWindowDays: 7 });
    });

    it('refuses a short window as long as the long one', () => {
      expect(errorsOf(policyBody({ burnRate: { shortWindowDays: 7, longWindowDays: 7 } }))).toEqual(['burnRate.shortWindowDays must be less than longWindowDays']);
    });

    it('refuses a long window other than windowDays', () => {
      expect(errorsOf(policyBody({ burnRate: { shortWindowDays: 1, longWindowDays: 14 } }))).toEqual(['burnRate.longWindowDays must equal windowDays']);
    });

    it('keeps both windows within 1..90', () => {
      expect(errorsOf(policyBody({ windowDays: 90, burnRate: { shortWindowDays: 0, longWindowDays: 91 } }))).toEqual([
        'burnRate.shortWindowDays must be an integer from 1 to 90',
        'burnRate.longWindowDays must be an integer from 1 to 90',
      ]);
    });

    it('is refused on a duration metric', () => {
      expect(errorsOf(policyBody({ metric: 'transit_p90_days', op: 'lte', threshold: 14, burnRate: { shortWindowDays: 1, longWindowDays: 7 } }))).toEqual([
        'burnRate only applies to rate metrics, not to transit_p90_days',
      ]);
    });

    it('must be an object or null', () => {
      expect(errorsOf(policyBody({ burnRate: 3 }))).toEqual(['burnRate must be an object {shortWindowDays, longWindowDays} or null']);
      expect(valueOf(policyBody({ burnRate: null })).burnRate).toBeNull();
    });
  });
});
