import { parseConsequence } from './consequence.schema';
import { computeStatementFromInputs } from './statement.calculator';
import { statementDifference } from './statement-revision.util';
import type { StatementInputs, StatementLegInput, StatementTermInput } from './statement.types';

// Named scenarios of contracts.md §2: one per rule, with the arithmetic the statement spells out.

let nextLeg = 0;
function leg(overrides: Partial<StatementLegInput> = {}): StatementLegInput {
  nextLeg += 1;
  return {
    legId: String(nextLeg),
    shipmentId: `00000000-0000-4000-8000-${String(nextLeg).padStart(12, '0')}`,
    trackingNumber: `LP${nextLeg}BR`,
    corridor: 'CN-BR',
    serviceLevel: null,
    legEndAt: '2026-11-10T12:00:00Z',
    legTransitDays: 5,
    customsReleasedAt: null,
    customsHoldHours: null,
    firstAttemptAt: '2026-11-10T12:00:00Z',
    firstAttemptDelivered: true,
    creditedDeliveredAt: '2026-11-10T12:00:00Z',
    onTime: true,
    clockDays: 2,
    allowanceDays: 3,
    ...overrides,
  };
}

function term(overrides: Partial<StatementTermInput> = {}): StatementTermInput {
  return { name: 'CN-BR clock', corridor: 'CN-BR', serviceLevel: null, metric: 'clock_within_rate', op: 'gte', threshold: 0.9, minSample: 1, consequence: null, ...overrides };
}

function consequence(raw: unknown) {
  const parsed = parseConsequence(raw, 'consequence');
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.value;
}

function inputs(overrides: Partial<StatementInputs> = {}): StatementInputs {
  return {
    carrier: 'correios',
    month: '2026-11',
    asOf: '2026-12-05T00:00:00Z',
    contract: { name: 'correios-2026', effectiveFrom: '2026-01-01', timeZone: 'America/Sao_Paulo', money: { currency: 'EUR', ratePerParcel: null, monthlyCap: null } },
    terms: [term()],
    legs: [],
    breaches: [],
    enteredInvoice: null,
    acceptedDisputes: [],
    ...overrides,
  };
}

describe('per_parcel with perExtraDay and maxPerParcel', () => {
  const rule = consequence({ kind: 'per_parcel', amount: '2.00', perExtraDay: '0.50', maxPerParcel: '10.00' });
  const statement = computeStatementFromInputs(
    inputs({
      terms: [term({ consequence: rule })],
      legs: [
        leg({ clockDays: 3 }), // exactly the allowance: not over
        leg({ clockDays: 3.25 }), // 0.25 over: one started extra day → 2.00 + 0.50 × 1
        leg({ clockDays: 5.5 }), // 2.5 over → 3 days → 3.50
        leg({ clockDays: 40 }), // 37 over → 20.50, capped at 10.00
        leg({ clockDays: 9, allowanceDays: null }), // no allowance for its lane: never charged
      ],
    }),
  );
  const [settled] = statement.terms;

  it('charges amount + perExtraDay × ⌈excess days⌉ per parcel over the allowance, at most maxPerParcel', () => {
    expect(settled.parcels.filter((parcel) => parcel.amount !== undefined).map((parcel) => parcel.amount)).toEqual(['2.5', '3.5', '10']);
    expect(settled.consequence?.amount).toBe('16.00');
    expect(statement.totals).toMatchObject({ beforeCap: '16.00', cap: null, afterCap: '16.00' });
  });

  it('spells the arithmetic out on each parcel and the term', () => {
    const capped = settled.parcels.find((parcel) => parcel.amount === '10');
    expect(capped?.arithmetic).toBe('clockDays 40 − allowance 3 = 37 days over, ⌈37⌉ = 37; 2.00 + 0.50 × 37 = 20.5, capped at maxPerParcel 10.00');
    expect(settled.parcels.find((parcel) => parcel.amount === '2.5')?.arithmetic).toContain('= 0.25 days over, ⌈0.25⌉ = 1; 2.00 + 0.50 × 1 = 2.5');
    expect(settled.consequence?.arithmetic).toEqual(['3 parcels over the allowance; the sum of their charges (each shown on its parcel) = 16']);
    expect(settled.parcels[0].journey).toBe(`/shipments?carrier=correios&tracking=${settled.parcels[0].trackingNumber}`);
  });
});

describe('tiered at its exact boundaries', () => {
  const rule = consequence({
    kind: 'tiered',
    tiers: [
      { from: 0.8, to: 0.9, credit: 0.05 },
      { from: 0, to: '0.80', credit: '0.10' },
      { from: 0.9, credit: 0 },
    ],
  });
  // first_attempt_rate over ten parcels: k delivered at the first attempt gives exactly k/10.
  const statementAt = (delivered: number) =>
    computeStatementFromInputs(
      inputs({
        terms: [term({ metric: 'first_attempt_rate', consequence: rule })],
        legs: Array.from({ length: 10 }, (_, index) => leg({ firstAttemptDelivered: index < delivered })),
        enteredInvoice: '12000.00',
      }),
    ).terms[0];

  it('sorts the tiers and keeps from ≤ value < to', () => {
    expect(rule.kind === 'tiered' && rule.tiers.map((tier) => [tier.from, tier.to])).toEqual([['0', '0.80'], ['0.8', '0.9'], ['0.9', null]]);
  });

  it('puts a value exactly at a boundary in the tier that starts there', () => {
    expect(statementAt(8).consequence).toMatchObject({ amount: '600.00', arithmetic: ['value 0.8 selects tier [0.8, 0.9): credit 0.05 × invoiced 12000.00 = 600'] });
    expect(statementAt(9).consequence).toMatchObject({ amount: '0.00', arithmetic: ['value 0.9 selects tier [0.9, ∞): credit 0 × invoiced 12000.00 = 0'] });
    expect(statementAt(7).consequence?.amount).toBe('1200.00');
    expect(statementAt(10).consequence?.amount).toBe('0.00');
  });

  it('owes nothing and says why when no invoiced amount is known', () => {
    const statement = computeStatementFromInputs(inputs({ terms: [term({ metric: 'first_attempt_rate', consequence: rule })], legs: [leg({ firstAttemptDelivered: false })] }));
    expect(statement.invoice).toEqual({ amount: null, source: 'none', arithmetic: 'no invoiced amount entered and no ratePerParcel in the contract' });
    expect(statement.terms[0].consequence).toMatchObject({ amount: '0.00', note: 'no invoiced amount for the month: the credit cannot be computed until one is entered' });
  });

  it('refuses overlapping tiers', () => {
    expect(parseConsequence({ kind: 'tiered', tiers: [{ from: 0, to: 0.9, credit: 0.1 }, { from: 0.8, to: 1, credit: 0.05 }] }, 'c')).toEqual({
      ok: false,
      errors: ['c.tiers overlap: [0, 0.9) and [0.8, 1)'],
    });
  });
});

describe('per_breach_day', () => {
  const rule = consequence({ kind: 'per_breach_day', amount: '100.00' });
  it('charges every local day of the month on which a breach of the term was active, each day once', () => {
    const statement = computeStatementFromInputs(
      inputs({
        terms: [term({ consequence: rule })],
        legs: [leg()],
        breaches: [
          // Opened in October, resolved 2026-11-02 01:30 São Paulo (UTC−3): touches Nov 1 and Nov 2.
          { term: 'CN-BR clock', corridor: 'CN-BR', serviceLevel: null, openedAt: '2026-10-20T00:00:00Z', resolvedAt: '2026-11-02T04:30:00Z' },
          // Overlaps Nov 2 again, then Nov 3 until midnight local (03:00 UTC on the 4th), exclusive.
          { term: 'CN-BR clock', corridor: 'CN-BR', serviceLevel: null, openedAt: '2026-11-02T12:00:00Z', resolvedAt: '2026-11-04T03:00:00Z' },
          // Still active: every day from Nov 29 up to the month's end.
          { term: 'CN-BR clock', corridor: 'CN-BR', serviceLevel: null, openedAt: '2026-11-29T10:00:00Z', resolvedAt: null },
          { term: 'another term', corridor: 'CN-BR', serviceLevel: null, openedAt: '2026-11-10T10:00:00Z', resolvedAt: null },
        ],
      }),
    );
    expect(statement.terms[0].breachDays).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-29', '2026-11-30']);
    expect(statement.terms[0].consequence).toMatchObject({ amount: '500.00', arithmetic: ['5 days with an active breach × 100.00 = 500'] });
  });
});

describe('the monthly cap', () => {
  const rule = consequence({ kind: 'per_parcel', amount: '30.00' });
  const legs = [leg({ clockDays: 4 }), leg({ clockDays: 4 }), leg({ clockDays: 4 })];

  it('caps the total at an amount and shows it before and after', () => {
    const statement = computeStatementFromInputs(inputs({ terms: [term({ consequence: rule })], legs, contract: { ...inputs().contract, money: { currency: 'EUR', ratePerParcel: null, monthlyCap: { amount: '50.00' } } } }));
    expect(statement.totals).toEqual({ beforeCap: '90.00', cap: '50.00', afterCap: '50.00', arithmetic: ['before cap: 90.00 = 90.00', 'monthly cap: 50.00', 'after cap: min(90.00, 50.00) = 50.00'] });
  });

  it('caps at a share of the invoice derived from parcels × ratePerParcel', () => {
    const statement = computeStatementFromInputs(
      inputs({ terms: [term({ consequence: rule })], legs, contract: { ...inputs().contract, money: { currency: 'EUR', ratePerParcel: '100.00', monthlyCap: { share: '0.1' } } } }),
    );
    expect(statement.invoice).toEqual({ amount: '300.00', source: 'derived', arithmetic: '3 parcels × ratePerParcel 100.00 = 300.00' });
    expect(statement.totals).toMatchObject({ beforeCap: '90.00', cap: '30.00', afterCap: '30.00' });
  });

  it('leaves a total under the cap alone', () => {
    const statement = computeStatementFromInputs(inputs({ terms: [term({ consequence: rule })], legs, contract: { ...inputs().contract, money: { currency: 'EUR', ratePerParcel: null, monthlyCap: { amount: '5000.00' } } } }));
    expect(statement.totals).toMatchObject({ beforeCap: '90.00', afterCap: '90.00' });
  });
});

describe('a term under minSample', () => {
  it('carries no consequence and says so, even with parcels over the allowance', () => {
    const statement = computeStatementFromInputs(
      inputs({ terms: [term({ minSample: 5, consequence: consequence({ kind: 'per_parcel', amount: '2.00' }) })], legs: [leg({ clockDays: 9 }), leg({ clockDays: 9 })] }),
    );
    expect(statement.terms[0]).toMatchObject({ sample: 2, verdict: 'insufficient_data', value: 0 });
    expect(statement.terms[0].consequence).toEqual({ kind: 'per_parcel', amount: '0.00', arithmetic: ['sample 2 < minSample 5'], note: 'only 2 parcels, fewer than minSample 5: no consequence' });
    expect(statement.totals.afterCap).toBe('0.00');
  });
});

describe('the month in the contract time zone', () => {
  it('counts a parcel in the month of its closing instant in local time', () => {
    // 2026-12-01T01:00Z is still 30 November in São Paulo; 2026-11-01T02:00Z is still 31 October.
    const statement = computeStatementFromInputs(inputs({ legs: [leg({ legEndAt: '2026-12-01T01:00:00Z' }), leg({ legEndAt: '2026-11-01T02:00:00Z' })] }));
    expect(statement.period).toEqual({ from: '2026-11-01T03:00:00.000Z', to: '2026-12-01T03:00:00.000Z', complete: true });
    expect(statement.terms[0].parcels.map((parcel) => parcel.countedAt)).toEqual(['2026-12-01T01:00:00.000Z']);
  });
});

describe('accepted disputes and revisions', () => {
  const rule = consequence({ kind: 'per_parcel', amount: '5.00' });
  const disputed = leg({ clockDays: 4 });
  const base = inputs({ terms: [term({ consequence: rule })], legs: [disputed, leg({ clockDays: 4 }), leg()] });

  it('takes an accepted parcel out of the consequences, showing it with its dispute', () => {
    const before = computeStatementFromInputs(base);
    const after = computeStatementFromInputs({ ...base, acceptedDisputes: [{ id: 'dispute-1', shipmentId: disputed.shipmentId }] });
    expect(before.terms[0].consequence?.amount).toBe('10.00');
    expect(after.terms[0].consequence?.amount).toBe('5.00');
    expect(after.terms[0].sample).toBe(2);
    expect(after.terms[0].excludedParcels).toEqual([expect.objectContaining({ trackingNumber: disputed.trackingNumber, disputeId: 'dispute-1', amount: '0' })]);
    expect(after.terms[0].excludedParcels[0].arithmetic).toContain('not charged: dispute dispute-1 accepted');
  });

  it('describes a revision as the terms and parcels that changed', () => {
    const issued = computeStatementFromInputs(base);
    const draft = computeStatementFromInputs({ ...base, legs: [...base.legs, leg({ clockDays: 3.5, trackingNumber: 'LATE1BR' })] });
    expect(statementDifference(issued, draft)).toEqual({
      totals: { issuedAfterCap: '10.00', draftAfterCap: '15.00', issuedBeforeCap: '10.00', draftBeforeCap: '15.00' },
      invoice: { issued: null, draft: null },
      terms: [{ term: 'CN-BR clock', corridor: 'CN-BR', serviceLevel: null, issued: { value: 1 / 3, sample: 3, verdict: 'violates', amount: '10.00' }, draft: { value: 0.25, sample: 4, verdict: 'violates', amount: '15.00' } }],
      parcelsAdded: ['LATE1BR'],
      parcelsRemoved: [],
    });
  });
});

describe('a term with "*" for its corridor', () => {
  it('is settled once per corridor seen in the month, in a fixed order', () => {
    const statement = computeStatementFromInputs(
      inputs({
        terms: [term({ corridor: '*', consequence: consequence({ kind: 'per_parcel', amount: '1.00' }) })],
        legs: [leg({ corridor: 'US-BR', clockDays: 5 }), leg({ corridor: 'CN-BR', clockDays: 5 }), leg({ corridor: 'CN-BR' })],
      }),
    );
    expect(statement.terms.map((settled) => [settled.corridor, settled.sample, settled.consequence?.amount])).toEqual([
      ['CN-BR', 2, '1.00'],
      ['US-BR', 1, '1.00'],
    ]);
  });
});
