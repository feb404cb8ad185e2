import { clientAddressKey } from './client-address.util';

describe('clientAddressKey', () => {
  it('keeps an IPv4 address, also when it arrives IPv4-mapped', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('groups IPv6 addresses by their /64, so rotating within one subscriber prefix gains nothing', () => {
    expect(clientAddressKey('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8:1:3::a')).toBe('2001:db8:1:3::/64');
  });

  it('leaves anything else as it is (an empty address is one key, never none)', () => {
    expect(clientAddressKey('')).toBe('');
  });
});
