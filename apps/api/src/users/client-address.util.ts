import ipaddr from 'ipaddr.js';

/**
 * The key a client address is limited under: IPv4 as is (also when it arrives IPv4-mapped), IPv6 by
 * its /64, since one subscriber usually holds a whole /64 and could otherwise rotate through it.
 */
export function clientAddressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(':')}::/64`;
}
