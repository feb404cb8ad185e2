import { describe, expect, it } from '@jest/globals';
import { slaPolicyFactory } from '../scorecard/sla-policy.factory';
import { policiesCsv } from './policies-csv.util';

describe('policiesCsv', () => {
  it('writes the contract fields raw, empty cells for "all"', () => {
    const lines = policiesCsv([slaPolicyFactory({ contract: 'BR-2026', corridor: '*' })]).split('\r\n');
    expect(lines[0]).toBe('id,name,contract,carrier,corridor,service_level,metric,op,threshold,window_days,min_sample,severity,enabled,updated_at');
    expect(lines[1]).toBe('policy-1,Correios transit p95,BR-2026,correios,*,,transit_p95_days,lte,16,7,30,major,true,');
  });
});
