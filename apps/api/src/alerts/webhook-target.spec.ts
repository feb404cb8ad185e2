import { webhookTargetProblem } from './webhook-target';

const resolvingTo =
  (answers: Record<string, string[]>) =>
  async (host: string): Promise<string[]> => {
    if (answers[host]) return answers[host];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  };

describe('webhook target when a channel is saved', () => {
  it('refuses a public-looking name that resolves to a private address, naming both', async () => {
    const resolve = resolvingTo({ 'hooks.corp.example': ['93.184.216.34', '10.20.30.40'] });
    expect(await webhookTargetProblem({ url: 'https://hooks.corp.example/alerts', allowPrivate: false, resolve })).toBe(
      'host hooks.corp.example resolves to 10.20.30.40; 10.20.30.40 is a private (RFC 1918) address: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true',
    );
    const resolveV6 = resolvingTo({ 'rebind.example.net': ['2606:4700::1', '::ffff:127.0.0.1'] });
    expect(await webhookTargetProblem({ url: 'https://rebind.example.net/', allowPrivate: false, resolve: resolveV6 })).toBe(
      'host rebind.example.net resolves to ::ffff:127.0.0.1; ::ffff:127.0.0.1 is a loopback address (embedded in IPv6 as 127.0.0.1): alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true',
    );
  });

  it('accepts a name that resolves only to public addresses, or does not resolve yet (checked again at delivery)', async () => {
    const resolve = resolvingTo({ 'hooks.example.com': ['93.184.216.34', '2606:2800:220:1::1'] });
    expect(await webhookTargetProblem({ url: 'https://hooks.example.com/x', allowPrivate: false, resolve })).toBeNull();
    expect(await webhookTargetProblem({ url: 'https://not-yet.example.com/x', allowPrivate: false, resolve })).toBeNull();
  });

  it('a slow resolver does not hold the request: accepted after the timeout', async () => {
    const never = () => new Promise<string[]>(() => undefined);
    expect(await webhookTargetProblem({ url: 'https://slow.example.com/x', allowPrivate: false, resolve: never, timeoutMs: 20 })).toBeNull();
  });

  it('with ALERT_ALLOW_PRIVATE_TARGETS a name resolving to a private address is accepted, one resolving to link-local is not', async () => {
    const resolve = resolvingTo({ 'alerts.corp.example': ['10.1.2.3'], 'imds.example.com': ['169.254.169.254'] });
    expect(await webhookTargetProblem({ url: 'http://alerts.corp.example/', allowPrivate: true, resolve })).toBeNull();
    expect(await webhookTargetProblem({ url: 'http://imds.example.com/', allowPrivate: true, resolve })).toMatch(/^host imds\.example\.com resolves to 169\.254\.169\.254; 169\.254\.169\.254 is a link-local address/);
  });

  it('literal checks come first and need no DNS', async () => {
    const resolve = () => Promise.reject(new Error('must not be called'));
    expect(await webhookTargetProblem({ url: 'http://127.1:5432/', allowPrivate: false, resolve })).toMatch(/^host 127\.0\.0\.1 is a loopback address/);
    expect(await webhookTargetProblem({ url: 'https://93.184.216.34/', allowPrivate: false, resolve })).toBeNull();
  });
});
