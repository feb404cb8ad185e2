import { describe, expect, it } from '@jest/globals';
import { slaPolicyFactory } from '../scorecard/sla-policy.factory';
import { policiesCsv } from './policies-csv.util';

describe('policiesCsv', () => {
  it('writes the contract fields raw, empty cells for "all"', () => {
    const lines = policiesCsv([slaPolicyFactory({ contract: 'BR-2026', corridor: '*' })]).split('\r\n');
    expect(lines[0]).toBe('id,name,contract,carrier,corridor,service_level,metric,op,threshold,window_days,min_sample,severity,enabled,updated_at,state,value,sample,last_evaluated_at');
    expect(lines[1]).toBe('policy-1,Correios transit p95,BR-2026,correios,*,,transit_p95_days,lte,16,7,30,major,true,,,,,');
  });

  it('adds the last evaluation: state, value and sample', () => {
    const status = { state: 'breaching' as const, value: 17.5, sample: 212, worst: null, scopes: 1, breachingScopes: 1, lastEvaluatedAt: '2026-12-05T00:00:00.000Z', nextEvaluationAt: null };
    expect(policiesCsv([slaPolicyFactory({ status })]).split('\r\n')[1]).toMatch(/,breaching,17\.5,212,2026-12-05T00:00:00\.000Z$/);
  });
});
