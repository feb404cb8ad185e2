import ipaddr from 'ipaddr.js';

// Where an alert webhook may point (events.md §9, README "Alert targets"). Pure: the API checks a URL
// when a channel is saved, the worker checks every address DNS answers right before it connects.

/** The `notification_channels.target` column is varchar(2000). */
export const MAX_CHANNEL_URL_LENGTH = 2000;

/**
 * `public`: always allowed. `private`: loopback, RFC 1918, carrier-grade NAT, IPv6 unique-local and
 * the names that only resolve inside a network; allowed with ALERT_ALLOW_PRIVATE_TARGETS.
 * `forbidden`: never (unspecified, broadcast, multicast, link-local with the cloud metadata service,
 * reserved and documentation ranges, tunnels).
 */
export type TargetTier = 'public' | 'private' | 'forbidden';

export interface TargetClass {
  tier: TargetTier;
  /** What the address or name is, for the error: "a loopback address". */
  what: string;
}

const PRIVATE_RANGES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private (RFC 1918) address',
  carrierGradeNat: 'a carrier-grade NAT (RFC 6598) address',
  uniqueLocal: 'an IPv6 unique-local address',
};

const FORBIDDEN_RANGES: Record<string, string> = {
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (where cloud metadata services answer)',
  reserved: 'a reserved or documentation address',
  teredo: 'a Teredo tunnel address',
  rfc6052: 'a local-use NAT64 address',
};

// Cloud metadata services outside the ranges above: AWS's IPv6 endpoint sits in unique-local space.
const METADATA_ADDRESSES = new Set(['fd00:ec2::254'].map((address) => ipaddr.parse(address).toNormalizedString()));
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'instance-data.ec2.internal']);

const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');
const SIX_TO_FOUR = ipaddr.parseCIDR('2002::/16');
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/** The IPv4 address an IPv6 address carries and would reach: mapped, translated, NAT64 and 6to4 forms. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const range = address.range();
  const parts = address.parts;
  const fromWords = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  if (range === 'ipv4Mapped' || range === 'rfc6145' || address.match(NAT64_WELL_KNOWN)) return fromWords(parts[6], parts[7]);
  if (address.match(SIX_TO_FOUR)) return fromWords(parts[1], parts[2]);
  return null;
}

function classifyParsed(address: ipaddr.IPv4 | ipaddr.IPv6): TargetClass {
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    if (METADATA_ADDRESSES.has(v6.toNormalizedString())) {
      return { tier: 'forbidden', what: 'a cloud metadata service address' };
    }
    const embedded = embeddedIPv4(v6);
    if (embedded) {
      const inner = classifyParsed(embedded);
      return { tier: inner.tier, what: `${inner.what} (embedded in IPv6 as ${embedded.toString()})` };
    }
    const range = v6.range();
    if (range !== 'loopback' && range !== 'unspecified' && v6.match(IPV4_COMPATIBLE)) return { tier: 'forbidden', what: 'a deprecated IPv4-compatible IPv6 address' };
  }
  const range = address.range();
  if (range === 'unicast') return { tier: 'public', what: 'a public address' };
  if (PRIVATE_RANGES[range]) return { tier: 'private', what: PRIVATE_RANGES[range] };
  return { tier: 'forbidden', what: FORBIDDEN_RANGES[range] ?? `a special-purpose address (${range})` };
}

/** Classifies an IP address as DNS or a URL gives it (IPv6 without brackets); anything unparsable is forbidden. */
export function classifyAddress(address: string): TargetClass {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return { tier: 'forbidden', what: 'not an IP address' };
  return classifyParsed(ipaddr.parse(bare));
}

/** Names that can only resolve inside a network (RFC 6761, 6762, 8375 and ICANN's `.internal`), or to a metadata service. */
export function classifyHostName(name: string): TargetClass {
  const host = name.toLowerCase().replace(/\.$/, '');
  if (METADATA_NAMES.has(host)) return { tier: 'forbidden', what: 'a cloud metadata service name' };
  if (host === 'localhost' || host.endsWith('.localhost')) return { tier: 'private', what: 'a loopback name' };
  if (!host.includes('.')) return { tier: 'private', what: 'a single-label name, which resolves only inside a network' };
  if (/\.(local|internal|home\.arpa)$/.test(host)) return { tier: 'private', what: 'a name reserved for private networks' };
  return { tier: 'public', what: 'a public name' };
}

/** Why `target` may not be reached (null when it may), phrased to follow "url host X ". */
export function refusalOf(target: TargetClass, allowPrivate: boolean): string | null {
  if (target.tier === 'public' || (target.tier === 'private' && allowPrivate)) return null;
  if (target.tier === 'forbidden') return `is ${target.what}, which alert webhooks never target`;
  return `is ${target.what}: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true`;
}

export type WebhookUrlCheck =
  | { ok: true; url: URL; host: string; isAddress: boolean }
  | { ok: false; error: string };

/**
 * The checks a URL allows without DNS: length, scheme, no credentials, and the host when it is an
 * address in any spelling (WHATWG URL parsing turns `0x7f000001`, `127.1` and `017700000001` into
 * 127.0.0.1) or a name that can only be private. Errors read after the field name: "url …".
 */
export function checkWebhookUrl(input: { url: string; allowPrivate: boolean }): WebhookUrlCheck {
  if (input.url.length > MAX_CHANNEL_URL_LENGTH) return { ok: false, error: `must be at most ${MAX_CHANNEL_URL_LENGTH} characters (got ${input.url.length})` };
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return { ok: false, error: 'must be an http:// or https:// URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: 'must be an http:// or https:// URL' };
  // Credentials in a URL would be shown to every viewer of the channel list; receivers verify X-Lanewatch-Signature instead.
  if (url.username || url.password) return { ok: false, error: 'must not contain a user name or password' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const isAddress = url.hostname.startsWith('[') || ipaddr.IPv4.isValidFourPartDecimal(host);
  const refusal = refusalOf(isAddress ? classifyAddress(host) : classifyHostName(host), input.allowPrivate);
  if (refusal) return { ok: false, error: `host ${url.hostname} ${refusal}` };
  return { ok: true, url, host, isAddress };
}
