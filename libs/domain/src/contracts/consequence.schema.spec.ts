import { parseSlaContract } from '../sla/sla-contract.parser';
import { decimalText, parseConsequence } from './consequence.schema';

const CONTRACT = `
contract: correios-2026
carrier: correios
effectiveFrom: 2026-01-01
currency: EUR
invoice: { ratePerParcel: "1.20" }
monthlyCap: { share: 0.1 }
policies:
  - name: CN-BR first attempt
    corridor: CN-BR
    metric: first_attempt_rate
    op: gte
    threshold: 0.9
    windowDays: 7
    consequence:
      kind: tiered
      tiers: [ { from: 0.80, to: 0.90, credit: 0.05 }, { from: 0, to: 0.80, credit: "0.10" } ]
  - name: CN-BR transit
    corridor: CN-BR
    metric: transit_p90_days
    op: lte
    threshold: 12
    windowDays: 7
    consequence: { kind: per_parcel, amount: 2.5, perExtraDay: "0.50", maxPerParcel: "10.00" }
  - name: Unmapped
    metric: unmapped_rate
    op: lte
    threshold: 0.02
    windowDays: 1
`;

describe('contract money terms and consequences', () => {
  it('reads currency, invoice rate, cap and each policy consequence, YAML numbers converted exactly', () => {
    const parsed = parseSlaContract(CONTRACT);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    expect(parsed.value.money).toEqual({ currency: 'EUR', ratePerParcel: '1.20', monthlyCap: { share: '0.1' } });
    expect(parsed.value.policies.map((policy) => policy.consequence ?? null)).toEqual([
      { kind: 'tiered', tiers: [{ from: '0', to: '0.8', credit: '0.10' }, { from: '0.8', to: '0.9', credit: '0.05' }] },
      { kind: 'per_parcel', amount: '2.5', perExtraDay: '0.50', maxPerParcel: '10.00' },
      null,
    ]);
  });

  it('needs a currency once a policy has a consequence, and names every bad field', () => {
    const parsed = parseSlaContract(CONTRACT.replace('currency: EUR\n', '').replace('amount: 2.5', 'amount: -1').replace('kind: tiered', 'kind: tired'));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([
      'policies[0].consequence.kind must be one of per_parcel, tiered, per_breach_day',
      'policies[1].consequence.amount must be a non-negative decimal such as "2.50" (at most 15 digits before and 10 after the point)',
      'currency is required (an ISO 4217 code such as EUR)',
    ]);
  });

  it('refuses a cap with both an amount and a share, and an unknown currency', () => {
    const parsed = parseSlaContract(CONTRACT.replace('monthlyCap: { share: 0.1 }', 'monthlyCap: { share: 0.1, amount: "5" }').replace('currency: EUR', 'currency: EUD'));
    expect(!parsed.ok && parsed.errors).toEqual([
      'currency must be an ISO 4217 code such as EUR',
      'monthlyCap must be a mapping with exactly one of amount ("5000.00") or share (0.1 of the invoice)',
    ]);
  });

  it('converts a YAML number to its exact decimal text and refuses one it cannot hold exactly', () => {
    const errors: string[] = [];
    expect(decimalText(0.1, 'x', errors)).toBe('0.1');
    expect(decimalText(1e-7, 'x', errors)).toBe('0.0000001');
    expect(decimalText(0.30000000000000004, 'x', errors)).toBeNull();
    expect(errors).toHaveLength(1);
  });

  it('refuses a consequence on a feed-health metric: no parcels stand behind it', () => {
    const parsed = parseSlaContract(`${CONTRACT}    consequence: { kind: per_breach_day, amount: "5" }\n`);
    expect(!parsed.ok && parsed.errors).toEqual(['policies[2].consequence applies to parcel metrics only: unmapped_rate measures the feed']);
  });

  it('keeps maxPerParcel at least the amount and a tier credit a share', () => {
    expect(parseConsequence({ kind: 'per_parcel', amount: '5', maxPerParcel: '2' }, 'c')).toEqual({ ok: false, errors: ['c.maxPerParcel must be at least amount'] });
    expect(parseConsequence({ kind: 'tiered', tiers: [{ from: 0, to: 1, credit: 1.5 }] }, 'c')).toEqual({ ok: false, errors: ['c.tiers[0].credit must be at most 1'] });
  });
});
