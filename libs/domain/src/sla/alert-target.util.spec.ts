import { checkWebhookUrl, classifyAddress, classifyHostName, MAX_CHANNEL_URL_LENGTH } from './alert-target.util';

const refused = (url: string, allowPrivate = false) => {
  const result = checkWebhookUrl({ url, allowPrivate });
  return result.ok ? null : result.error;
};

describe('alert webhook URL', () => {
  it('accepts a public https or http URL with any port and keeps the host to connect to', () => {
    expect(checkWebhookUrl({ url: 'https://hooks.example.com/lanewatch?x=1', allowPrivate: false })).toMatchObject({ ok: true, host: 'hooks.example.com', isAddress: false });
    expect(checkWebhookUrl({ url: 'http://93.184.216.34:8443/a', allowPrivate: false })).toMatchObject({ ok: true, host: '93.184.216.34', isAddress: true });
    expect(checkWebhookUrl({ url: 'https://[2606:4700::1]/a', allowPrivate: false })).toMatchObject({ ok: true, host: '2606:4700::1', isAddress: true });
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'host 169.254.169.254 is a link-local address (where cloud metadata services answer), which alert webhooks never target'],
    ['http://127.0.0.1:5432/', 'host 127.0.0.1 is a loopback address: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
    ['http://10.0.0.1/', 'host 10.0.0.1 is a private (RFC 1918) address: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'host metadata.google.internal is a cloud metadata service name, which alert webhooks never target'],
    ['http://[::ffff:169.254.169.254]/', 'host [::ffff:a9fe:a9fe] is a link-local address (where cloud metadata services answer) (embedded in IPv6 as 169.254.169.254), which alert webhooks never target'],
    ['http://0x7f000001/', 'host 127.0.0.1 is a loopback address: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
    ['http://127.1/', 'host 127.0.0.1 is a loopback address: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
    ['http://2130706433/', 'host 127.0.0.1 is a loopback address: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
    ['http://017700000001/', 'host 127.0.0.1 is a loopback address: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
    ['http://0251.0376.0251.0376/', 'host 169.254.169.254 is a link-local address (where cloud metadata services answer), which alert webhooks never target'],
    ['http://0.0.0.0:3000/', 'host 0.0.0.0 is the unspecified address, which alert webhooks never target'],
    ['http://0/', 'host 0.0.0.0 is the unspecified address, which alert webhooks never target'],
    ['http://[::]/', 'host [::] is the unspecified address, which alert webhooks never target'],
    ['http://[::1]:6379/', 'host [::1] is a loopback address: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
    ['http://[fd12:3456::1]/', 'host [fd12:3456::1] is an IPv6 unique-local address: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
    ['http://[fe80::1]/', 'host [fe80::1] is a link-local address (where cloud metadata services answer), which alert webhooks never target'],
    ['http://[64:ff9b::a00:1]/', 'host [64:ff9b::a00:1] is a private (RFC 1918) address (embedded in IPv6 as 10.0.0.1): alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
    ['http://[2002:7f00:1::]/', 'host [2002:7f00:1::] is a loopback address (embedded in IPv6 as 127.0.0.1): alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
    ['http://[::7f00:1]/', 'host [::7f00:1] is a deprecated IPv4-compatible IPv6 address, which alert webhooks never target'],
    ['http://[fd00:ec2::254]/', 'host [fd00:ec2::254] is a cloud metadata service address, which alert webhooks never target'],
    ['http://224.0.0.1/', 'host 224.0.0.1 is a multicast address, which alert webhooks never target'],
    ['http://[ff02::1]/', 'host [ff02::1] is a multicast address, which alert webhooks never target'],
    ['http://255.255.255.255/', 'host 255.255.255.255 is the broadcast address, which alert webhooks never target'],
    ['http://100.64.0.1/', 'host 100.64.0.1 is a carrier-grade NAT (RFC 6598) address: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
    ['http://192.0.2.10/', 'host 192.0.2.10 is a reserved or documentation address, which alert webhooks never target'],
    ['http://localhost:3000/', 'host localhost is a loopback name: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
    ['http://api.localhost/', 'host api.localhost is a loopback name: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
    ['http://redis:6379/', 'host redis is a single-label name, which resolves only inside a network: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
    ['http://printer.local/', 'host printer.local is a name reserved for private networks: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true'],
  ])('refuses %s', (url, error) => {
    expect(refused(url)).toBe(error);
  });

  it('ALERT_ALLOW_PRIVATE_TARGETS opens loopback, private and unique-local targets but never metadata, link-local or unspecified ones', () => {
    for (const url of ['http://127.0.0.1:4000/hook', 'http://10.1.2.3/', 'http://[::1]/', 'http://[fd12::1]/', 'http://localhost/', 'http://alerts.corp.internal/', 'http://receiver/']) {
      expect({ url, error: refused(url, true) }).toEqual({ url, error: null });
    }
    for (const url of ['http://169.254.169.254/', 'http://[::ffff:169.254.169.254]/', 'http://metadata.google.internal/', 'http://[fd00:ec2::254]/', 'http://0.0.0.0/', 'http://[fe80::1]/']) {
      expect({ url, error: refused(url, true) }).toEqual({ url, error: expect.stringMatching(/which alert webhooks never target$/) });
    }
  });

  it('refuses other schemes, credentials and over-long URLs with the rule', () => {
    expect(refused('ftp://files.example.com/')).toBe('must be an http:// or https:// URL');
    expect(refused('file:///etc/passwd')).toBe('must be an http:// or https:// URL');
    expect(refused('not a url')).toBe('must be an http:// or https:// URL');
    expect(refused('https://user:secret@hooks.example.com/')).toBe('must not contain a user name or password');
    const long = `https://hooks.example.com/${'a'.repeat(MAX_CHANNEL_URL_LENGTH)}`;
    expect(refused(long)).toBe(`must be at most 2000 characters (got ${long.length})`);
    expect(refused(`https://hooks.example.com/${'a'.repeat(MAX_CHANNEL_URL_LENGTH - 26)}`)).toBeNull();
  });
});

describe('address classes', () => {
  it('a public address, including NAT64 and mapped forms of one, is public', () => {
    for (const address of ['8.8.8.8', '2606:4700::1111', '64:ff9b::808:808', '::ffff:8.8.8.8']) expect({ address, tier: classifyAddress(address).tier }).toEqual({ address, tier: 'public' });
  });

  it('what DNS may answer for a rebinding name is classified like a literal', () => {
    expect(classifyAddress('127.0.0.1').tier).toBe('private');
    expect(classifyAddress('::ffff:127.0.0.1').tier).toBe('private');
    expect(classifyAddress('169.254.169.254').tier).toBe('forbidden');
    expect(classifyAddress('fe80::1%eth0').tier).toBe('forbidden');
    expect(classifyAddress('not-an-address').tier).toBe('forbidden');
  });

  it('names: trailing dots and case do not change the class', () => {
    expect(classifyHostName('LOCALHOST.').tier).toBe('private');
    expect(classifyHostName('Metadata.Google.Internal.').tier).toBe('forbidden');
    expect(classifyHostName('hooks.example.com').tier).toBe('public');
  });
});
