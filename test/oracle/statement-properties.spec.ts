import { computeStatementFromInputs, statementFingerprintText, StatementInputs, StatementLegInput, StatementTermInput } from '@lanewatch/domain';
import fc from 'fast-check';
import { oracleStatement } from './statement-oracle';

// The statement calculator against the independent oracle over random legs and contracts: every
// term's sample, value, verdict and amount, the invoice and the totals before and after the cap.
// Values are multiples of 1/8 (exact in binary), so float sums agree whatever the order.

const MONTH = '2026-11';
const ZONES = ['UTC', 'America/Sao_Paulo', 'Asia/Tokyo', 'Asia/Kathmandu', 'Australia/Adelaide', 'Europe/Paris'];
const MONTH_START = Date.parse('2026-10-29T00:00:00Z');
const SPAN_MS = 36 * 86_400_000;
const CORRIDORS = ['CN-BR', 'US-BR'];

const eighths = (max: number) => fc.integer({ min: 0, max: max * 8 }).map((n) => n / 8);
const instant = fc.integer({ min: 0, max: SPAN_MS / 60_000 }).map((minutes) => new Date(MONTH_START + minutes * 60_000).toISOString());
const decimalText = (maxCents: number) => fc.integer({ min: 0, max: maxCents }).map((cents) => (cents / 100).toFixed(2));
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });

const legArbitrary = fc.record({
  corridor: fc.constantFrom(...CORRIDORS),
  legEndAt: maybe(instant),
  legTransitDays: maybe(eighths(20)),
  firstAttemptAt: maybe(instant),
  firstAttemptDelivered: maybe(fc.boolean()),
  creditedDeliveredAt: maybe(instant),
  onTime: maybe(fc.boolean()),
  clockDays: maybe(eighths(12)),
  allowanceDays: fc.constantFrom(null, 2, 3.5, 5),
});

const consequenceArbitrary = fc.oneof(
  fc.record({ kind: fc.constant('per_parcel' as const), amount: decimalText(500), perExtraDay: decimalText(200), maxPerParcel: maybe(decimalText(1500)) }),
  fc
    .uniqueArray(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 5 })
    .chain((cuts) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      return fc.tuple(fc.constant(sorted), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: sorted.length - 1, maxLength: sorted.length - 1 }), fc.boolean());
    })
    .map(([cuts, credits, openTop]) => ({
      kind: 'tiered' as const,
      tiers: credits.map((credit, index) => ({
        from: (cuts[index] / 20).toString(),
        to: openTop && index === credits.length - 1 ? null : (cuts[index + 1] / 20).toString(),
        credit: (credit / 1000).toString(),
      })),
    })),
  fc.record({ kind: fc.constant('per_breach_day' as const), amount: decimalText(20000) }),
);

const termArbitrary = fc.record({
  corridor: fc.constantFrom(null, ...CORRIDORS),
  metric: fc.constantFrom('first_attempt_rate', 'on_time_rate', 'transit_mean_days', 'transit_p90_days', 'clock_mean_days', 'clock_within_rate'),
  op: fc.constantFrom('lte' as const, 'gte' as const),
  threshold: eighths(8).map((value) => value / 8),
  minSample: fc.integer({ min: 1, max: 6 }),
  consequence: maybe(consequenceArbitrary),
});

const breachArbitrary = fc.record({ termIndex: fc.nat(), openedAt: instant, lengthHours: maybe(fc.integer({ min: 0, max: 24 * 12 })) });

const inputsArbitrary = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    asOf: fc.oneof(instant, fc.constant('2026-12-15T00:00:00.000Z')),
    legs: fc.array(legArbitrary, { maxLength: 40 }),
    terms: fc.array(termArbitrary, { minLength: 1, maxLength: 4 }),
    breaches: fc.array(breachArbitrary, { maxLength: 4 }),
    currency: fc.constantFrom('EUR', 'JPY', 'KWD'),
    ratePerParcel: maybe(fc.integer({ min: 1, max: 999 }).map((n) => (n / 100).toString())),
    monthlyCap: fc.oneof(fc.constant(null), decimalText(100000).map((amount) => ({ amount })), fc.integer({ min: 1, max: 100 }).map((n) => ({ share: (n / 100).toString() }))),
    enteredInvoice: maybe(decimalText(5_000_000)),
    disputedIndexes: fc.array(fc.nat(), { maxLength: 3 }),
  })
  .map((raw): StatementInputs => {
    const legs: StatementLegInput[] = raw.legs.map((leg, index) => ({
      ...leg,
      legId: String(index + 1),
      shipmentId: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
      trackingNumber: `LP${index + 1}`,
      serviceLevel: null,
      customsReleasedAt: null,
      customsHoldHours: null,
    }));
    const terms: StatementTermInput[] = raw.terms.map((term, index) => ({ ...term, name: `term ${index}`, serviceLevel: null }));
    return {
      carrier: 'correios',
      month: MONTH,
      asOf: raw.asOf,
      contract: {
        name: 'correios-2026',
        effectiveFrom: '2026-01-01',
        timeZone: raw.timeZone,
        money: { currency: raw.currency, ratePerParcel: raw.ratePerParcel, monthlyCap: raw.monthlyCap },
      },
      terms,
      legs,
      breaches: raw.breaches.map((breach) => {
        const term = terms[breach.termIndex % terms.length];
        const openedMs = Date.parse(breach.openedAt);
        return {
          term: term.name,
          corridor: term.corridor,
          serviceLevel: null,
          openedAt: breach.openedAt,
          resolvedAt: breach.lengthHours === null ? null : new Date(openedMs + breach.lengthHours * 3_600_000 + 60_000).toISOString(),
        };
      }),
      enteredInvoice: raw.enteredInvoice,
      acceptedDisputes: legs.length === 0 ? [] : [...new Set(raw.disputedIndexes.map((index) => index % legs.length))].map((index) => ({ id: `d${index}`, shipmentId: legs[index].shipmentId })),
    };
  });

describe('statement calculator against the independent oracle', () => {
  it('agrees on every term, the invoice and the totals before and after the cap', () => {
    fc.assert(
      fc.property(inputsArbitrary, (inputs) => {
        const statement = computeStatementFromInputs(inputs);
        const expected = oracleStatement(inputs);
        expect(statement.invoice.amount).toBe(expected.invoice);
        expect(
          statement.terms.map((term) => ({ term: term.term, sample: term.sample, value: term.value, verdict: term.verdict, amount: term.consequence?.amount ?? null })),
        ).toEqual(expected.terms);
        expect([statement.totals.beforeCap, statement.totals.cap, statement.totals.afterCap]).toEqual([expected.beforeCap, expected.cap, expected.afterCap]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same statement whatever order the legs, breaches and disputes come in', () => {
    fc.assert(
      fc.property(inputsArbitrary, fc.infiniteStream(fc.nat()), (inputs, randoms) => {
        const shuffle = <T>(items: T[]) =>
          items
            .map((item) => ({ item, key: randoms.next().value as number }))
            .sort((a, b) => a.key - b.key)
            .map(({ item }) => item);
        const shuffled = { ...inputs, legs: shuffle(inputs.legs), breaches: shuffle(inputs.breaches), acceptedDisputes: shuffle(inputs.acceptedDisputes) };
        expect(computeStatementFromInputs(shuffled)).toEqual(computeStatementFromInputs(inputs));
      }),
      { numRuns: 100 },
    );
  });

  it('fingerprints the inputs, not their order nor the reading instant after the month, and changes with any leg', () => {
    fc.assert(
      fc.property(inputsArbitrary, fc.infiniteStream(fc.nat()), (inputs, randoms) => {
        const shuffle = <T>(items: T[]) =>
          items
            .map((item) => ({ item, key: randoms.next().value as number }))
            .sort((a, b) => a.key - b.key)
            .map(({ item }) => item);
        const text = (value: StatementInputs) => statementFingerprintText(value, computeStatementFromInputs(value));
        const shuffled = { ...inputs, legs: shuffle(inputs.legs), breaches: shuffle(inputs.breaches), acceptedDisputes: shuffle(inputs.acceptedDisputes) };
        expect(text(shuffled)).toBe(text(inputs));
        if (computeStatementFromInputs(inputs).period.complete) expect(text({ ...inputs, asOf: '2027-03-01T00:00:00.000Z' })).toBe(text(inputs));
        if (inputs.legs.length > 0) {
          const changed = { ...inputs, legs: inputs.legs.map((leg, index) => (index === 0 ? { ...leg, clockDays: (leg.clockDays ?? 0) + 0.125 } : leg)) };
          expect(text(changed)).not.toBe(text(inputs));
        }
      }),
      { numRuns: 100 },
    );
  });
});
