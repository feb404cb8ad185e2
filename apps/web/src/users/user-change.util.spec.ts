import { describe, expect, it } from '@jest/globals';
import { changedInWords, roleChange } from './user-change.util';

describe('user changes', () => {
  const carrierUser = { role: 'carrier' as const, carrier: 'revco' };
  const viewer = { role: 'viewer' as const, carrier: null };

  it('sends only what changed', () => {
    expect(roleChange(carrierUser, { role: 'carrier', carrier: 'rival' })).toEqual({ ok: true, change: { carrier: 'rival' } });
    expect(roleChange(viewer, { role: 'admin', carrier: null })).toEqual({ ok: true, change: { role: 'admin' } });
    expect(roleChange(carrierUser, { role: 'carrier', carrier: 'revco' })).toEqual({ ok: true, change: null });
  });

  it('drops the carrier when a carrier user becomes a viewer, whatever the picker still holds', () => {
    expect(roleChange(carrierUser, { role: 'viewer', carrier: 'revco' })).toEqual({ ok: true, change: { role: 'viewer', carrier: null } });
  });

  it('binds a new carrier user to the carrier picked, and refuses one without', () => {
    expect(roleChange(viewer, { role: 'carrier', carrier: 'rival' })).toEqual({ ok: true, change: { role: 'carrier', carrier: 'rival' } });
    expect(roleChange(viewer, { role: 'carrier', carrier: null })).toEqual({ ok: false, problem: 'A carrier user needs its carrier.' });
    expect(roleChange(viewer, { role: 'carrier', carrier: '' })).toEqual({ ok: false, problem: 'A carrier user needs its carrier.' });
  });

  it('words the result as the table shows it', () => {
    expect(changedInWords({ email: 'a@b.co', role: 'carrier', carrier: 'rival', disabledAt: null })).toBe('a@b.co is now a carrier user of rival.');
    expect(changedInWords({ email: 'a@b.co', role: 'admin', carrier: null, disabledAt: null })).toBe('a@b.co is now an admin.');
    expect(changedInWords({ email: 'a@b.co', role: 'viewer', carrier: null, disabledAt: '2026-12-05T00:00:00Z' })).toBe('Disabled a@b.co: their sessions ended.');
  });
});
