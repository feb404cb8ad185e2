import { describe, expect, it } from '@jest/globals';
import { allowancesInWords, clockLabel, contractInForce, formatClockDays, hasOwnClock, parseCarrierContracts, parseClockRow } from './contract-clock.util';

const version = (overrides: Record<string, unknown>) => ({
  contract: 'correios-2026',
  effectiveFrom: '2026-01-01',
  appliedAt: '2026-01-02T00:00:00.000Z',
  currency: 'BRL',
  calendar: { country: 'BR', subdivision: 'BR-SP', closures: ['2026-03-20'] },
  clock: { timeZone: 'America/Sao_Paulo', days: 'business', exclude: ['import_customs'] },
  allowances: [{ corridor: 'CN-BR', serviceLevel: '*', days: 15 }],
  terms: [],
  ...overrides,
});

describe('contract clock', () => {
  it('words the clock of a São Paulo business-day contract without customs', () => {
    const [parsed] = parseCarrierContracts([version({})]);
    expect(clockLabel(parsed)).toBe('on the contract clock (business days, BR-SP calendar, customs excluded)');
    expect(allowancesInWords(parsed)).toBe('15 business days on CN-BR');
    expect(hasOwnClock(parsed)).toBe(true);
  });

  it('an elapsed UTC clock is no clock of its own; the country stands for a calendar without subdivision', () => {
    const [elapsed, country] = parseCarrierContracts([
      version({ calendar: null, clock: { timeZone: 'UTC', days: 'calendar', exclude: [] }, allowances: [] }),
      version({ calendar: { country: 'FR', subdivision: null, closures: [] }, clock: { timeZone: 'Europe/Paris', days: 'calendar', exclude: ['pickup_wait', 'consignee_failure'] } }),
    ]);
    expect(hasOwnClock(elapsed)).toBe(false);
    expect(clockLabel(country)).toBe('on the contract clock (calendar days, FR calendar, pickup waits, consignee failures excluded)');
  });

  it('picks the version in force on a day: the latest effective date on or before it', () => {
    const versions = parseCarrierContracts([version({ effectiveFrom: '2026-01-01' }), version({ effectiveFrom: '2026-04-01', clock: { timeZone: 'UTC', days: 'calendar', exclude: [] } })]);
    expect(contractInForce(versions, '2026-03-31')?.effectiveFrom).toBe('2026-01-01');
    expect(contractInForce(versions, '2026-04-01')?.effectiveFrom).toBe('2026-04-01');
    expect(contractInForce(versions, '2025-12-31')).toBeNull();
  });

  it('refuses a malformed answer with its path', () => {
    expect(() => parseCarrierContracts([version({ contract: 7 })])).toThrow('contracts[0].contract must be a non-empty string');
    expect(() => parseCarrierContracts({})).toThrow('contracts must be an array');
  });

  it('reads the clock family of the first KPI row, null without one', () => {
    const clock = { count: 3, meanDays: 0.5, stddevDays: 0.1, varianceDays: 0.01, p50Days: 0.4, p90Days: 0.75, p95Days: 0.75, withinAllowance: { legs: 3, within: 2, rate: 2 / 3 } };
    expect(parseClockRow({ rows: [{ carrier: 'revco', clock }] })).toEqual(clock);
    expect(parseClockRow({ rows: [{ carrier: 'revco' }] })).toBeNull();
    expect(parseClockRow({ rows: [] })).toBeNull();
    expect(formatClockDays(0.754, 'business days')).toBe('0.75 business days');
    expect(formatClockDays(null, 'business days')).toBe('—');
    const [one] = parseCarrierContracts([version({ allowances: [{ corridor: '*', serviceLevel: 'express', days: 1 }] })]);
    expect(allowancesInWords(one)).toBe('1 business day on any lane (express)');
  });
});
