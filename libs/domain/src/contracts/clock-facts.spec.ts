import { clockContributions, clockOfDocument, ContractClockVersion, legClockFacts, versionInForce } from './clock-facts';
import { ContractClock, ELAPSED_CLOCK } from './contract-clock.schema';

const business: ContractClock = {
  calendar: { country: 'BR', subdivision: null, closures: [] },
  timeZone: 'America/Sao_Paulo',
  days: 'business',
  exclude: [],
  allowances: [{ corridor: 'CN-BR', serviceLevel: '*', days: 1 }],
};
const version = (overrides: Partial<ContractClockVersion>): ContractClockVersion => ({
  contract: 'post-2026',
  contractId: 7,
  carrierId: 3,
  effectiveFrom: '2026-01-01',
  clock: business,
  ...overrides,
});
// Friday 6 March 10:00 → Monday 9 March 10:00 in São Paulo: 1 business day, 3 elapsed.
const leg = { legStartAt: Date.parse('2026-03-06T13:00:00Z'), legEndAt: Date.parse('2026-03-09T13:00:00Z'), events: [] };

describe('contract clock facts', () => {
  it('a version is in force from local midnight of its effective date in its own zone', () => {
    const versions = [version({ effectiveFrom: '2026-01-01' }), version({ effectiveFrom: '2026-03-09' })];
    expect(versionInForce(versions, Date.parse('2026-03-09T02:59:59Z'))?.effectiveFrom).toBe('2026-01-01');
    expect(versionInForce(versions, Date.parse('2026-03-09T03:00:00Z'))?.effectiveFrom).toBe('2026-03-09');
    expect(versionInForce(versions, Date.parse('2025-12-31T12:00:00Z'))).toBeNull();
  });

  it('measures a leg on the version in force at its end, judging it against the lane allowance', () => {
    const versions = [version({}), version({ effectiveFrom: '2026-03-09', clock: { ...business, days: 'calendar' } })];
    // Ending Sunday 23:00 local, before the second version: Friday's 14 business hours.
    const early = legClockFacts({ carrierId: 3, corridor: 'CN-BR', serviceLevel: 'standard', leg: { ...leg, legEndAt: Date.parse('2026-03-09T02:00:00Z') }, versions });
    expect(early).toEqual([{ contract: 'post-2026', contractId: 7, clockDays: expect.closeTo(14 / 24, 9), closingMs: Date.parse('2026-03-09T02:00:00Z'), within: true }]);
    const late = legClockFacts({ carrierId: 3, corridor: 'CN-BR', serviceLevel: 'standard', leg, versions });
    expect(late).toEqual([{ contract: 'post-2026', contractId: 7, clockDays: expect.closeTo(3, 9), closingMs: leg.legEndAt, within: false }]);
  });

  it('has no fact for another carrier, an open leg, or a lane without an allowance to judge', () => {
    expect(legClockFacts({ carrierId: 4, corridor: 'CN-BR', serviceLevel: null, leg, versions: [version({})] })).toEqual([]);
    expect(legClockFacts({ carrierId: 3, corridor: 'CN-BR', serviceLevel: null, leg: { ...leg, legEndAt: null }, versions: [version({})] })).toEqual([]);
    const [fact] = legClockFacts({ carrierId: 3, corridor: 'US-BR', serviceLevel: null, leg, versions: [version({})] });
    expect(fact.within).toBeNull();
    expect(clockContributions({ carrierId: 3, corridor: 'US-BR', serviceLevel: null }, [fact]).map((c) => [c.level, c.peerCarrierId, c.family])).toEqual([['k', 7, 'clock']]);
  });

  it('contributes the days and the within-allowance trial on level k under the contract number', () => {
    const facts = legClockFacts({ carrierId: 3, corridor: 'CN-BR', serviceLevel: 'standard', leg, versions: [version({})] });
    expect(clockContributions({ carrierId: 3, corridor: 'CN-BR', serviceLevel: 'standard' }, facts)).toEqual([
      { level: 'k', carrierId: 3, peerCarrierId: 7, corridor: 'CN-BR', serviceLevel: 'standard', family: 'clock', closingMs: leg.legEndAt, value: expect.closeTo(1, 9), success: null },
      { level: 'k', carrierId: 3, peerCarrierId: 7, corridor: 'CN-BR', serviceLevel: 'standard', family: 'clock_within', closingMs: leg.legEndAt, value: null, success: true },
    ]);
  });

  it('reads the clock of a stored contract document, elapsed days when it has none', () => {
    expect(clockOfDocument({ contract: 'x', clock: business })).toEqual(business);
    expect(clockOfDocument({ contract: 'x' })).toEqual(ELAPSED_CLOCK);
  });
});
