import { Access, bearerToken, carrierCallerName, deniedReason, isCarrierUser, Principal, seesHealthDetails } from './access.util';

const adminToken: Principal = { kind: 'admin' };
const adminUser: Principal = { kind: 'admin', userId: 1 };
const viewer: Principal = { kind: 'viewer', userId: 2 };
const carrier: Principal = { kind: 'carrier', carrierId: 3, carrierCode: 'correios' };
const carrierUser: Principal = { kind: 'carrier', carrierId: 3, carrierCode: 'correios', userId: 4 };

describe('deniedReason', () => {
  const allowed: [Access, Principal, boolean][] = [
    ['admin', adminToken, true],
    ['admin', adminUser, true],
    ['admin', viewer, false],
    ['admin', carrier, false],
    ['ingest', adminToken, true],
    ['ingest', adminUser, true],
    ['ingest', viewer, false],
    ['ingest', carrier, true],
    ['read', adminToken, true],
    ['read', adminUser, true],
    ['read', viewer, true],
    ['read', carrier, true],
    ['optional', adminToken, true],
    ['optional', viewer, true],
    ['optional', carrier, true],
    ['metrics', adminToken, true],
    ['metrics', adminUser, true],
    ['metrics', viewer, false],
    ['metrics', carrier, false],
    // A carrier user reads its carrier like the carrier's key, but sends no events and changes nothing.
    ['read', carrierUser, true],
    ['optional', carrierUser, true],
    ['ingest', carrierUser, false],
    ['admin', carrierUser, false],
    ['metrics', carrierUser, false],
  ];

  it.each(allowed)('%s access for %j: allowed %s', (access, principal, expected) => {
    expect(deniedReason(access, principal) === null).toBe(expected);
  });

  it("tells a carrier user from its carrier's key, and names each in a refusal", () => {
    expect([carrier, carrierUser, viewer, adminUser].map(isCarrierUser)).toEqual([false, true, false, false]);
    expect(carrierCallerName(carrier as Principal & { kind: 'carrier' })).toBe('this API key belongs to');
    expect(carrierCallerName(carrierUser as Principal & { kind: 'carrier' })).toBe('this user is bound to');
    expect(deniedReason('ingest', carrierUser)).toBe("this endpoint needs the admin token, an admin user or a carrier API key; carrier users read their carrier's data but send no events");
  });

  it('health details are for admins and viewers, not for anonymous callers or carrier keys', () => {
    expect([adminToken, adminUser, viewer, carrier, carrierUser, undefined].map(seesHealthDetails)).toEqual([true, true, true, false, false, false]);
  });

  it('tells a viewer that viewers only read', () => {
    expect(deniedReason('admin', viewer)).toBe('this endpoint needs the admin token or an admin user; viewers can read but not change anything');
    expect(deniedReason('admin', carrier)).toBe('this endpoint needs the admin token or an admin user');
  });
});
describe('bearerToken', () => {
  it('takes the token of a Bearer header, whatever the scheme case', () => {
    expect(bearerToken('Bearer lwu_abc')).toBe('lwu_abc');
    expect(bearerToken('bearer   lwk_abc')).toBe('lwk_abc');
    expect(bearerToken(['Bearer first', 'Bearer second'])).toBe('first');
  });

  it('refuses missing, other-scheme, spaced and oversized tokens', () => {
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken('Bearer two words')).toBeNull();
    expect(bearerToken(`Bearer ${'x'.repeat(512)}`)).toBe('x'.repeat(512));
    expect(bearerToken(`Bearer ${'x'.repeat(513)}`)).toBeNull();
  });
});
