import { DAY_MS } from './time-units';
import { activityContributions, deriveActivityPeriods } from './activity-periods';
import { Milestone } from './milestones';

const T0 = Date.UTC(2026, 9, 1);
const at = (days: number, milestone: Milestone | null = 'TRANSIT_HUB') => ({ milestone, occurredAtMs: T0 + days * DAY_MS });
/** How many of the periods hold at asOf: from ≤ asOf < to. */
const holdsAt = (periods: [number, number | null][], asOfDays: number) =>
  periods.filter(([from, to]) => from <= T0 + asOfDays * DAY_MS && (to === null || T0 + asOfDays * DAY_MS < to)).length;

describe('deriveActivityPeriods', () => {
  it('a parcel quiet for more than 10 days is silent until its next scan', () => {
    const periods = deriveActivityPeriods({ events: [at(0, 'ACCEPTED'), at(15), at(16, 'DELIVERED')] });
    expect(periods.silent).toEqual([[T0 + 10 * DAY_MS + 1, T0 + 15 * DAY_MS]]);
    expect(holdsAt(periods.silent, 10)).toBe(0); // exactly 10 days: not yet "older than"
    expect(holdsAt(periods.silent, 12)).toBe(1);
    expect(holdsAt(periods.silent, 15)).toBe(0); // the scan at asOf is seen, as in the shipment facts
    expect(holdsAt(periods.silent, 14.99)).toBe(1);
    expect(periods.active).toEqual([T0, T0 + 16 * DAY_MS]);
  });

  it('a parcel delivered exactly at asOf is not silent at asOf (the delivery is seen, as in the shipment facts)', () => {
    const periods = deriveActivityPeriods({ events: [at(0, 'ACCEPTED'), at(11, 'DELIVERED')] });
    expect(holdsAt(periods.silent, 10.5)).toBe(1);
    expect(holdsAt(periods.silent, 11)).toBe(0);
    expect(periods.active).toEqual([T0, T0 + 11 * DAY_MS]);
  });

  it('a delivered parcel is never silent after its delivery', () => {
    const periods = deriveActivityPeriods({ events: [at(0, 'ACCEPTED'), at(2, 'DELIVERED'), at(30)] });
    expect(periods.silent).toEqual([]);
    expect(periods.lost).toEqual([]);
  });

  it('a parcel without news for 60 days becomes a lost candidate on day 60 and stays one', () => {
    const periods = deriveActivityPeriods({ events: [at(0, 'ACCEPTED'), at(1)] });
    expect(periods.silent).toEqual([[T0 + 11 * DAY_MS + 1, null]]);
    expect(holdsAt(periods.lost, 60.9)).toBe(0);
    expect(holdsAt(periods.lost, 61)).toBe(1); // inclusive: 60 days since the last event
    expect(holdsAt(periods.lost, 400)).toBe(1);
  });

  it('INFO_RECEIVED keeps a parcel from being lost but not from being silent', () => {
    const periods = deriveActivityPeriods({ events: [at(0, 'ACCEPTED'), at(50, 'INFO_RECEIVED')] });
    expect(holdsAt(periods.silent, 70)).toBe(1);
    expect(holdsAt(periods.lost, 70)).toBe(0);
    expect(holdsAt(periods.lost, 110)).toBe(1);
  });

  it('unmapped events count for nothing', () => {
    expect(deriveActivityPeriods({ events: [at(0, null)] })).toEqual({ active: null, silent: [], lost: [] });
  });

  it('a leg closed by its hand-over stops being silent there', () => {
    const periods = deriveActivityPeriods({ events: [at(0, 'ACCEPTED')], closedAtMs: T0 + 20 * DAY_MS });
    expect(periods.silent).toEqual([[T0 + 10 * DAY_MS + 1, T0 + 20 * DAY_MS]]);
    expect(periods.active).toEqual([T0, T0 + 20 * DAY_MS]);
  });

  it('becomes +1/−1 markers, none for an open end', () => {
    const contributions = activityContributions(
      { level: 'l', carrierId: 3, corridor: 'CN-BR', serviceLevel: null },
      deriveActivityPeriods({ events: [at(0, 'ACCEPTED'), at(15)] }),
    );
    // Each marker one millisecond before its bound: counted at asOf when bound ≤ asOf.
    expect(contributions.map((c) => [c.family, c.closingMs - T0])).toEqual([
      ['active_start', -1],
      ['silent_start', 10 * DAY_MS],
      ['silent_end', 15 * DAY_MS - 1],
      ['silent_start', 25 * DAY_MS],
      ['lost_start', 75 * DAY_MS - 1],
    ]);
    expect(contributions.every((c) => c.corridor === 'CN-BR' && c.serviceLevel === '' && c.carrierId === 3)).toBe(true);
  });
});
