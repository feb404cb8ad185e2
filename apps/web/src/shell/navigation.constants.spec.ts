import { describe, expect, it } from '@jest/globals';
import { carrierNavigation, homePathOf, lastWholeMonth, NAVIGATION_ITEMS } from './navigation.constants';

describe('navigation', () => {
  it('settles the last whole month, across a year end', () => {
    expect(lastWholeMonth(Date.parse('2026-12-05T03:00:00Z'))).toBe('2026-11');
    expect(lastWholeMonth(Date.parse('2027-01-01T00:00:00Z'))).toBe('2026-12');
  });

  it("shows a carrier user only its own pages, none of the admin's", () => {
    const items = carrierNavigation('cainiao', Date.parse('2026-12-05T03:00:00Z'));
    expect(items.map((item) => item.path)).toEqual(['/carriers/cainiao', '/breaches', '/exceptions', '/watchlist', '/carriers/cainiao/statements/2026-11', '/carriers/cainiao/review/2026-11']);
    const adminOnly = ['/carriers', '/policies', '/alerts', '/ingest-health', '/users', '/overview'];
    expect(items.filter((item) => adminOnly.includes(item.path))).toEqual([]);
    expect(NAVIGATION_ITEMS.map((item) => item.path)).toEqual(expect.arrayContaining(adminOnly));
  });

  it('lands a carrier user on its scorecard and everyone else on the overview', () => {
    expect(homePathOf('upu')).toBe('/carriers/upu');
    expect(homePathOf(null)).toBe('/overview');
  });
});
