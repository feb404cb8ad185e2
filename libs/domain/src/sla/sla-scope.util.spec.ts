import { parseSlaPolicy } from './sla-policy.schema';
import { policyBody } from './sla-test.factory';
import { scopeInstances, scopeKey, slaKpiQuery, slaWindow } from './sla-scope.util';

describe('scopeInstances', () => {
  it("'*' fans out per value seen", () => {
    const policy = { carrier: '*', corridor: 'CN-BR', serviceLevel: null };
    const seen = [{ carrier: 'correios', corridor: 'CN-BR' }, { carrier: 'jadlog', corridor: 'CN-BR' }, { carrier: 'correios', corridor: 'CN-BR' }];
    expect(scopeInstances({ policy, seen })).toEqual([
      { carrier: 'correios', corridor: 'CN-BR', serviceLevel: null },
      { carrier: 'jadlog', corridor: 'CN-BR', serviceLevel: null },
    ]);
  });

  it('gives one instance per combination seen when two fields are "*", not every pairing', () => {
    const policy = { carrier: '*', corridor: '*', serviceLevel: null };
    const seen = [{ carrier: 'correios', corridor: 'CN-BR' }, { carrier: 'jadlog', corridor: 'US-BR' }];
    expect(scopeInstances({ policy, seen })).toHaveLength(2);
  });

  it("'*' with nothing seen gives no instance", () => {
    expect(scopeInstances({ policy: { carrier: '*', corridor: null, serviceLevel: null }, seen: [] })).toEqual([]);
  });

  it('a policy without "*" has exactly its own scope, seen or not', () => {
    const policy = { carrier: 'correios', corridor: null, serviceLevel: null };
    expect(scopeInstances({ policy, seen: [] })).toEqual([policy]);
    expect(scopeInstances({ policy, seen: [{ carrier: 'jadlog' }] })).toEqual([policy]);
  });

  it('null aggregates: the field stays null whatever was seen', () => {
    const policy = { carrier: '*', corridor: null, serviceLevel: null };
    expect(scopeInstances({ policy, seen: [{ carrier: 'correios', corridor: 'CN-BR', serviceLevel: 'express' }] })).toEqual([{ carrier: 'correios', corridor: null, serviceLevel: null }]);
  });

  it('a value scopes: groups seen with another value are skipped', () => {
    const policy = { carrier: 'correios', corridor: '*', serviceLevel: null };
    const seen = [{ carrier: 'correios', corridor: 'CN-BR' }, { carrier: 'jadlog', corridor: 'US-BR' }, { corridor: 'DE-BR' }];
    expect(scopeInstances({ policy, seen }).map((instance) => instance.corridor)).toEqual(['CN-BR', 'DE-BR']);
  });

  it('skips groups without a value for a "*" field', () => {
    expect(scopeInstances({ policy: { carrier: null, corridor: '*', serviceLevel: null }, seen: [{ corridor: null }, {}] })).toEqual([]);
  });

  it('lists instances in the same order whatever the order seen', () => {
    const policy = { carrier: '*', corridor: null, serviceLevel: null };
    const forwards = scopeInstances({ policy, seen: [{ carrier: 'a1' }, { carrier: 'b2' }, { carrier: 'c3' }] });
    const backwards = scopeInstances({ policy, seen: [{ carrier: 'c3' }, { carrier: 'b2' }, { carrier: 'a1' }] });
    expect(backwards).toEqual(forwards);
  });
});

describe('scopeKey', () => {
  it('is the same for equal instances', () => {
    expect(scopeKey({ carrier: 'correios', corridor: 'CN-BR', serviceLevel: null })).toBe(scopeKey({ carrier: 'correios', corridor: 'CN-BR', serviceLevel: null }));
  });

  it('keeps null apart from a value spelled "null" and values apart from their neighbours', () => {
    expect(scopeKey({ carrier: null, corridor: null, serviceLevel: null })).not.toBe(scopeKey({ carrier: 'null', corridor: null, serviceLevel: null }));
    expect(scopeKey({ carrier: 'a', corridor: null, serviceLevel: 'b|c' })).not.toBe(scopeKey({ carrier: 'a', corridor: 'b', serviceLevel: 'c' }));
  });

  it('has a fixed spelling that may be stored', () => {
    expect(scopeKey({ carrier: 'correios', corridor: 'CN-BR', serviceLevel: null })).toBe('["correios","CN-BR",null]');
  });
});

describe('slaKpiQuery', () => {
  it('groups by the "*" fields and filters by the value fields', () => {
    expect(slaKpiQuery({ carrier: 'correios', corridor: '*', serviceLevel: 'express' })).toEqual({ groupBy: 'corridor', filters: { carrier: 'correios', serviceLevel: 'express' } });
    expect(slaKpiQuery({ carrier: '*', corridor: '*', serviceLevel: null })).toEqual({ groupBy: 'carrier,corridor', filters: {} });
    expect(slaKpiQuery({ carrier: null, corridor: null, serviceLevel: null })).toEqual({ groupBy: null, filters: {} });
  });

  it('exists for every scope the policy schema accepts, and only those', () => {
    const options = ['correios', '*', null];
    for (const carrier of options) {
      for (const corridor of ['CN-BR', '*', null]) {
        for (const serviceLevel of ['express', '*', null]) {
          const accepted = parseSlaPolicy(policyBody({ carrier, corridor, serviceLevel })).ok;
          expect({ carrier, corridor, serviceLevel, hasQuery: slaKpiQuery({ carrier, corridor, serviceLevel }) !== null }).toEqual({ carrier, corridor, serviceLevel, hasQuery: accepted });
        }
      }
    }
  });
});

describe('slaWindow', () => {
  it('is [asOf − windowDays × 24 h, asOf)', () => {
    expect(slaWindow({ windowDays: 7, asOf: new Date('2026-11-23T00:00:00Z') })).toEqual({ from: new Date('2026-11-16T00:00:00Z'), to: new Date('2026-11-23T00:00:00Z') });
  });
});
