import { clockDaysOfLeg } from './clock-days';
import { ClockExclusion, ContractClock } from './contract-clock.schema';

const clock = (overrides: Partial<ContractClock> = {}): ContractClock => ({
  calendar: { country: 'BR', subdivision: null, closures: [] },
  timeZone: 'America/Sao_Paulo',
  days: 'business',
  exclude: [],
  allowances: [],
  ...overrides,
});
const at = (iso: string) => new Date(iso);
const leg = (start: string, end: string | null, events: { milestone: string; occurredAt: string; reason?: string }[] = [], customs?: [string, string]) => ({
  legStartAt: at(start),
  legEndAt: end === null ? null : at(end),
  events: events.map((event) => ({ ...event, occurredAt: at(event.occurredAt) })),
  customsStartAt: customs ? at(customs[0]) : null,
  customsReleasedAt: customs ? at(customs[1]) : null,
});
const excluding = (...exclude: ClockExclusion[]) => clock({ exclude });

describe('clockDaysOfLeg', () => {
  it('Friday 10:00 to Monday 10:00 over a weekend is one business day', () => {
    // 2026-03-06 is a Friday; São Paulo is UTC-3 all year.
    expect(clockDaysOfLeg(leg('2026-03-06T10:00:00-03:00', '2026-03-09T10:00:00-03:00'), clock())).toBeCloseTo(1, 12);
  });

  it('an interval entirely inside a weekend is zero', () => {
    expect(clockDaysOfLeg(leg('2026-03-07T08:00:00-03:00', '2026-03-08T20:00:00-03:00'), clock())).toBe(0);
  });

  it('a parcel over a weekend and a public holiday (Tiradentes, Tuesday 2026-04-21) and a contract closure', () => {
    // Fri 17 Apr 12:00 → Wed 22 Apr 12:00: Fri 0.5 + Mon 1 + Wed 0.5; Sat, Sun and the holiday are off.
    const parcel = leg('2026-04-17T12:00:00-03:00', '2026-04-22T12:00:00-03:00');
    expect(clockDaysOfLeg(parcel, clock())).toBeCloseTo(2, 12);
    // Closing the Monday too leaves the two half days.
    expect(clockDaysOfLeg(parcel, clock({ calendar: { country: 'BR', subdivision: null, closures: ['2026-04-20'] } }))).toBeCloseTo(1, 12);
    // Calendar days count everything.
    expect(clockDaysOfLeg(parcel, clock({ days: 'calendar' }))).toBeCloseTo(5, 12);
  });

  it('a subdivision adds its own holidays (BR-SP: Revolução Constitucionalista, Thursday 2026-07-09)', () => {
    const parcel = leg('2026-07-08T00:00:00-03:00', '2026-07-10T00:00:00-03:00');
    expect(clockDaysOfLeg(parcel, clock())).toBeCloseTo(2, 12);
    expect(clockDaysOfLeg(parcel, clock({ calendar: { country: 'BR', subdivision: 'BR-SP', closures: [] } }))).toBeCloseTo(1, 12);
  });

  it('a customs hold inside a weekend excludes nothing more than the weekend already did', () => {
    const parcel = leg('2026-03-05T10:00:00-03:00', '2026-03-10T10:00:00-03:00', [], ['2026-03-07T09:00:00-03:00', '2026-03-08T18:00:00-03:00']);
    expect(clockDaysOfLeg(parcel, clock())).toBeCloseTo(3, 12);
    expect(clockDaysOfLeg(parcel, excluding('import_customs'))).toBeCloseTo(3, 12);
    // On calendar days the same hold takes its 33 hours off.
    expect(clockDaysOfLeg(parcel, clock({ days: 'calendar', exclude: ['import_customs'] }))).toBeCloseTo(5 - 33 / 24, 12);
  });

  it('overlapping excluded episodes count once', () => {
    // Mon 9 Mar 00:00 → Sat 14 Mar 00:00 (5 business days). Customs Tue 00:00–Wed 12:00 overlaps a pickup wait
    // Wed 00:00–Thu 00:00 and a consignee failure Wed 06:00 → delivery Thu 00:00: one episode Tue 00:00–Thu 00:00.
    const parcel = leg(
      '2026-03-09T00:00:00-03:00',
      '2026-03-14T00:00:00-03:00',
      [
        { milestone: 'AVAILABLE_FOR_PICKUP', occurredAt: '2026-03-11T00:00:00-03:00' },
        { milestone: 'DELIVERY_FAILED', occurredAt: '2026-03-11T06:00:00-03:00', reason: 'RECIPIENT_ABSENT' },
        { milestone: 'DELIVERED', occurredAt: '2026-03-12T00:00:00-03:00' },
      ],
      ['2026-03-10T00:00:00-03:00', '2026-03-11T12:00:00-03:00'],
    );
    expect(clockDaysOfLeg(parcel, excluding('import_customs', 'pickup_wait', 'consignee_failure'))).toBeCloseTo(3, 12);
    expect(clockDaysOfLeg(parcel, excluding('import_customs'))).toBeCloseTo(3.5, 12);
  });

  it('a failed attempt that is the carrier fault (a reason outside the consignee list) is not excluded', () => {
    const parcel = leg('2026-03-09T00:00:00-03:00', '2026-03-11T00:00:00-03:00', [
      { milestone: 'DELIVERY_FAILED', occurredAt: '2026-03-09T12:00:00-03:00', reason: 'CARRIER_DELAY' },
      { milestone: 'DELIVERED', occurredAt: '2026-03-10T12:00:00-03:00' },
    ]);
    expect(clockDaysOfLeg(parcel, excluding('consignee_failure'))).toBeCloseTo(2, 12);
  });

  it('across the European daylight-saving change a local day is 23 hours long', () => {
    // Berlin moves to summer time on Sunday 2026-03-29; Saturday noon → Monday noon holds Sunday's 23 hours
    // (weekend, off) and Monday's first 12 hours.
    const berlin = clock({ calendar: { country: 'DE', subdivision: null, closures: [] }, timeZone: 'Europe/Berlin' });
    const parcel = leg('2026-03-27T12:00:00+01:00', '2026-03-30T12:00:00+02:00');
    expect(clockDaysOfLeg(parcel, berlin)).toBeCloseTo(1, 12);
    expect(clockDaysOfLeg(parcel, { ...berlin, days: 'calendar' })).toBeCloseTo(71 / 24, 12);
    // On calendar days, the whole of the short Sunday is 23 hours.
    expect(clockDaysOfLeg(leg('2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00'), { ...berlin, days: 'calendar' })).toBeCloseTo(23 / 24, 12);
  });

  it('across the US fall-back change the 25-hour Sunday is elapsed time but no business time', () => {
    // New York falls back on Sunday 2026-11-01: Saturday 00:00 → Tuesday 00:00 is 73 hours, of which only Monday works.
    const newYork = clock({ calendar: { country: 'US', subdivision: 'US-NY', closures: [] }, timeZone: 'America/New_York' });
    const parcel = leg('2026-10-31T00:00:00-04:00', '2026-11-03T00:00:00-05:00');
    expect(clockDaysOfLeg(parcel, { ...newYork, days: 'calendar' })).toBeCloseTo(73 / 24, 12);
    expect(clockDaysOfLeg(parcel, newYork)).toBeCloseTo(1, 12);
  });

  it('is null without an end and zero for an empty leg', () => {
    expect(clockDaysOfLeg(leg('2026-03-09T00:00:00Z', null), clock())).toBeNull();
    expect(clockDaysOfLeg(leg('2026-03-09T00:00:00Z', '2026-03-09T00:00:00Z'), clock())).toBe(0);
  });
});
