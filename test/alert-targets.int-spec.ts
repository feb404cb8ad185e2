import { createServer, Server } from 'node:http';
import { AddressInfo, createServer as createTcpServer, Server as TcpServer, Socket } from 'node:net';
import { LanewatchApp } from './support/lanewatch-app';
import { createPolicy, evaluate, firstAttemptPolicy, parcels, postEvents } from './support/sla-feed';

// events.md §9 through the real API and worker: alert webhooks reach public addresses only (checked
// when a channel is saved and again after DNS at every delivery) unless ALERT_ALLOW_PRIVATE_TARGETS;
// redirects are not followed; what a channel shows of a failure is no port-scan oracle.

const NOT_PUBLIC = 'delivery refused: the target is not a public address (see ALERT_ALLOW_PRIVATE_TARGETS)';
const NO_ANSWER = 'delivery failed: no HTTP answer from the receiver';

/** Counts what reaches it per path; `/redirect` answers 302 to `/landing`. */
class Receiver {
  readonly paths: string[] = [];
  private server!: Server;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.paths.push(request.url ?? '');
      request.resume();
      if (request.url === '/redirect') response.writeHead(302, { location: '/landing' }).end();
      else response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

interface ChannelView {
  id: string;
  url?: string;
  lastError: string | null;
  consecutiveFailures: number;
}

async function channel(app: LanewatchApp, body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await app.request('POST', '/api/v1/notification-channels', { body });
  return { status: response.status, body: response.body };
}

/** Opens a breach for a fresh carrier: one delivery per matching channel. */
async function openBreach(app: LanewatchApp, carrier: string, prefix: string): Promise<string> {
  await app.createCarrier(carrier);
  const policyId = await createPolicy(app, firstAttemptPolicy({ name: `targets ${carrier}`, carrier }));
  await postEvents(app, parcels(carrier, prefix, '2026-03-02', { good: 0, bad: 3 }));
  const opened = (await evaluate(app, '2026-03-04T00:00:00Z')).policies.find((policy) => policy.policyId === policyId)?.scopes[0];
  expect(opened).toMatchObject({ action: 'open' });
  return opened?.breachId as string;
}

async function settledDeliveries(app: LanewatchApp, breachId: string, count: number): Promise<void> {
  await app.waitFor(
    async () => (await app.sql<{ status: string }>(`SELECT status FROM alert_deliveries WHERE breach_id = $1 AND status <> 'pending'`, [breachId])).length === count,
    60_000,
    'the deliveries to settle',
  );
}

const channelView = async (app: LanewatchApp, id: string) => (await app.request('GET', `/api/v1/notification-channels/${id}`)).body as unknown as ChannelView;

describe('alert webhook targets, private targets not allowed (the default)', () => {
  let app: LanewatchApp;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    app = await LanewatchApp.start({ env: { SLA_REMINDER_MINUTES: '0', SLA_EVALUATION_INTERVAL_MS: '86400000', ALERT_BACKOFF_MS: '100', ALERT_DELIVERY_ATTEMPTS: '1' } });
  });
  afterAll(async () => {
    await app?.stop();
    await receiver.stop();
  });

  const refusedSpellings = [
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1:5432/',
    'http://10.0.0.1/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://[::ffff:169.254.169.254]/',
    'http://0x7f000001/',
    'http://127.1/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0.0.0.0:3000/',
    'http://224.0.0.1/',
    'http://[::1]/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://[64:ff9b::a00:1]/',
    'http://localhost:3000/',
  ];

  it.each(refusedSpellings)('creating a webhook channel for %s is refused with a 400 naming the rule', async (url) => {
    const response = await channel(app, { name: 'internal', kind: 'webhook', url });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.stringMatching(/^url host \S+ is .+(, which alert webhooks never target|: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true)$/)]);
  });

  it('names the rule precisely for the cloud metadata address and for a decimal loopback', async () => {
    expect((await channel(app, { name: 'm', kind: 'webhook', url: 'http://169.254.169.254/' })).body.errors).toEqual([
      'url host 169.254.169.254 is a link-local address (where cloud metadata services answer), which alert webhooks never target',
    ]);
    expect((await channel(app, { name: 'm', kind: 'webhook', url: 'http://2130706433:5432/' })).body.errors).toEqual([
      'url host 127.0.0.1 is a loopback address: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true',
    ]);
  });

  it('replacing a channel URL with a private one is refused too, and the channel keeps its URL', async () => {
    const created = await channel(app, { name: 'public', kind: 'webhook', url: 'https://93.184.216.34/hook', carriers: ['nobody-post'] });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const replaced = await app.request('PUT', `/api/v1/notification-channels/${id}`, { body: { name: 'public', kind: 'webhook', url: 'http://10.0.0.1:8080/' } });
    expect(replaced.status).toBe(400);
    expect((await channelView(app, id)).url).toBe('https://93.184.216.34/hook');
  });

  it('a channel URL over 2,000 characters is a 400 naming the limit, not a 500', async () => {
    const url = `https://hooks.example.com/${'a'.repeat(2000)}`;
    const response = await channel(app, { name: 'long', kind: 'webhook', url });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([`url must be at most 2000 characters (got ${url.length})`]);
  });

  it('a channel URL with a user name or password is refused (it would be shown to every viewer)', async () => {
    const response = await channel(app, { name: 'creds', kind: 'webhook', url: 'https://alerts:hunter2@93.184.216.34/hook' });
    expect(response).toMatchObject({ status: 400, body: { errors: ['url must not contain a user name or password'] } });
  });

  it('a saved channel whose name now resolves to 127.0.0.1 is refused at delivery: the receiver gets nothing, lastError is generic', async () => {
    // As if saved while the name pointed elsewhere (DNS rebinding), or before this rule existed.
    const [row] = await app.sql<{ id: string }>(
      `INSERT INTO notification_channels (name, kind, target, carriers) VALUES ('rebound', 'webhook', $1, '{rebound-post}') RETURNING id`,
      [`http://localhost:${receiver.port}/rebound`],
    );
    const breachId = await openBreach(app, 'rebound-post', 'RB');
    await settledDeliveries(app, breachId, 1);
    expect(receiver.paths).toEqual([]);
    expect(await channelView(app, row.id)).toMatchObject({ lastError: NOT_PUBLIC, consecutiveFailures: 1 });
  });

  it('"send test" to a channel whose target is not public is a 400 naming the url; nothing is queued or sent', async () => {
    const [row] = await app.sql<{ id: string }>(`INSERT INTO notification_channels (name, kind, target) VALUES ('private test', 'webhook', $1) RETURNING id`, [
      `http://127.0.0.1:${receiver.port}/private-test`,
    ]);
    const response = await app.request('POST', `/api/v1/notification-channels/${row.id}/test`);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(['url host 127.0.0.1 is a loopback address: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true']);
    expect(await app.sql('SELECT id FROM alert_deliveries WHERE channel_id = $1', [row.id])).toEqual([]);
    expect(receiver.paths).not.toContain('/private-test');
  });
});

describe('alert webhook targets with ALERT_ALLOW_PRIVATE_TARGETS=true', () => {
  let app: LanewatchApp;
  const receiver = new Receiver();
  const tcpServers: TcpServer[] = [];
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    await receiver.start();
    app = await LanewatchApp.start({
      env: { SLA_REMINDER_MINUTES: '0', SLA_EVALUATION_INTERVAL_MS: '86400000', ALERT_BACKOFF_MS: '100', ALERT_DELIVERY_ATTEMPTS: '1', ALERT_ALLOW_PRIVATE_TARGETS: 'true' },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await receiver.stop();
    for (const socket of sockets) socket.destroy();
    await Promise.all(tcpServers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  const tcpPort = async (onConnection: (socket: Socket) => void) => {
    const server = createTcpServer((socket) => {
      sockets.add(socket);
      onConnection(socket);
    });
    tcpServers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };

  it('an on-premises receiver on 127.0.0.1 gets its alert; the metadata address stays refused', async () => {
    expect((await channel(app, { name: 'on-prem', kind: 'webhook', url: `http://127.0.0.1:${receiver.port}/ok`, carriers: ['onprem-post'] })).status).toBe(201);
    const breachId = await openBreach(app, 'onprem-post', 'OP');
    await settledDeliveries(app, breachId, 1);
    expect(receiver.paths).toContain('/ok');
    expect((await channel(app, { name: 'imds', kind: 'webhook', url: 'http://169.254.169.254/latest/meta-data/' })).status).toBe(400);
  });

  it('a redirect is not followed: the delivery fails naming the status and the Location is never requested', async () => {
    const created = await channel(app, { name: 'redirect', kind: 'webhook', url: `http://127.0.0.1:${receiver.port}/redirect`, carriers: ['redirect-post'] });
    const breachId = await openBreach(app, 'redirect-post', 'RD');
    await settledDeliveries(app, breachId, 1);
    expect(receiver.paths.filter((path) => path === '/redirect')).toHaveLength(1);
    expect(receiver.paths).not.toContain('/landing');
    expect(await channelView(app, created.body.id as string)).toMatchObject({ lastError: 'webhook answered 302; redirects are not followed' });
    expect((await app.sql(`SELECT status FROM alert_deliveries WHERE breach_id = $1`, [breachId]))[0]).toEqual({ status: 'failed' });
  });

  it('lastError is the same for a closed port and a non-HTTP service: no port-scan oracle', async () => {
    const closed = await tcpPort(() => undefined);
    await new Promise((resolve) => tcpServers.pop()?.close(resolve));
    const notHttp = await tcpPort((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    const closedChannel = await channel(app, { name: 'closed', kind: 'webhook', url: `http://127.0.0.1:${closed}/`, carriers: ['scan-post'] });
    const notHttpChannel = await channel(app, { name: 'not http', kind: 'webhook', url: `http://127.0.0.1:${notHttp}/`, carriers: ['scan-post'] });
    const breachId = await openBreach(app, 'scan-post', 'SC');
    await settledDeliveries(app, breachId, 2);
    expect(await channelView(app, closedChannel.body.id as string)).toMatchObject({ lastError: NO_ANSWER });
    expect(await channelView(app, notHttpChannel.body.id as string)).toMatchObject({ lastError: NO_ANSWER });
  });
});
