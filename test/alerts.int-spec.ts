import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '@lanewatch/crypto';
import { IDEMPOTENCY_KEY_HEADER } from '@lanewatch/domain';
import { SMTPServer } from 'smtp-server';
import { LanewatchApp } from './support/lanewatch-app';
import { createPolicy, debouncedEvaluationQueued, evaluate, firstAttemptPolicy, parcels, postEvents } from './support/sla-feed';

// sla.md §4 through the real API and worker: signed webhooks to a real HTTP receiver that dedupes by
// idempotency key as a real one would, e-mail through a real SMTP server, silences, channel health.

interface Received {
  path: string;
  key: string | undefined;
  body: string;
  signatureOk: boolean;
  answered: number | 'held';
}

type Answer = (request: Received, count: number) => number | 'hold';

/** A webhook receiver: `answer` decides each response per path; `processed` is what it has acted on. */
class Receiver {
  readonly requests: Received[] = [];
  readonly processed = new Map<string, Set<string>>();
  deduped = 0;
  held: ServerResponse[] = [];
  private server!: Server;
  private onHold: (() => void) | null = null;
  readonly secrets = new Map<string, string>();

  constructor(private readonly answers: Record<string, Answer>) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  waitForHold(): Promise<void> {
    return new Promise((resolve) => {
      this.onHold = resolve;
    });
  }

  keys(path: string): string[] {
    return [...(this.processed.get(path) ?? [])].sort();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = request.url ?? '/';
    const key = request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()] as string | undefined;
    const secret = this.secrets.get(path) ?? '';
    const signatureOk = verifyWebhookSignature({ secret, header: request.headers[SIGNATURE_HEADER.toLowerCase()] as string, body, nowSec: Math.floor(Date.now() / 1000) }).ok;
    const received: Received = { path, key, body, signatureOk, answered: 500 };
    this.requests.push(received);
    const count = this.requests.filter((r) => r.path === path).length;
    const answer = (this.answers[path] ?? (() => 200))(received, count);
    if (answer === 'hold') {
      // Acts on it (a receiver commits before answering), then never answers: the sender dies first.
      this.process(path, key, body);
      received.answered = 'held';
      this.held.push(response);
      this.onHold?.();
      return;
    }
    received.answered = answer;
    if (answer < 300) this.process(path, key, body);
    response.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
  }

  private process(path: string, key: string | undefined, body: string): void {
    const byKey = this.processed.get(path) ?? new Set<string>();
    this.processed.set(path, byKey);
    const bodyKey = (JSON.parse(body) as { idempotencyKey?: string }).idempotencyKey;
    expect(bodyKey).toBe(key);
    if (key === undefined || byKey.has(key)) this.deduped += 1;
    else byKey.add(key);
  }

  async stop(): Promise<void> {
    for (const response of this.held) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

interface Mail {
  to: string;
  data: string;
}

describe('alerts', () => {
  let app: LanewatchApp;
  let smtp: SMTPServer;
  const mails: Mail[] = [];
  const receiver = new Receiver({
    '/flaky': (_request, count) => (count <= 3 ? 500 : 200),
    '/fail': () => 500,
    '/hold': (_request, count) => (count === 1 ? 'hold' : 200),
  });

  beforeAll(async () => {
    await receiver.start();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    app = await LanewatchApp.start({
      env: {
        SLA_REMINDER_MINUTES: '0',
        SLA_EVALUATION_INTERVAL_MS: '86400000',
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        ALERT_BACKOFF_MS: '100',
        ALERT_DELIVERY_ATTEMPTS: '10',
        ALERT_UNHEALTHY_AFTER_FAILURES: '4',
        // The receiver listens on 127.0.0.1, like an on-premises one.
        ALERT_ALLOW_PRIVATE_TARGETS: 'true',
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await receiver.stop();
    await new Promise((resolve) => smtp.close(() => resolve(undefined)));
  });

  async function channel(body: Record<string, unknown>): Promise<{ id: string; secret?: string }> {
    const response = await app.request('POST', '/api/v1/notification-channels', { body });
    expect(response.status).toBe(201);
    const created = response.body as unknown as { id: string; secret?: string; url?: string };
    if (created.url && created.secret) receiver.secrets.set(new URL(created.url).pathname, created.secret);
    return created;
  }

  /** Opens a breach for `carrier` at asOf, then late good parcels resolve it at the same asOf. */
  async function openAndResolve(carrier: string, prefix: string, day: string, asOf: string): Promise<string> {
    await app.createCarrier(carrier);
    const policyId = await createPolicy(app, firstAttemptPolicy({ name: `alerts ${carrier}`, carrier }));
    await postEvents(app, parcels(carrier, prefix, day, { good: 0, bad: 3 }));
    const opened = (await evaluate(app, asOf)).policies.find((p) => p.policyId === policyId)?.scopes[0];
    expect(opened).toMatchObject({ action: 'open' });
    await postEvents(app, parcels(carrier, prefix, day, { good: 20, bad: 0, from: 100 }));
    const resolved = (await evaluate(app, asOf)).policies.find((p) => p.policyId === policyId)?.scopes[0];
    expect(resolved).toMatchObject({ action: 'resolve' });
    return opened?.breachId as string;
  }

  const deliveries = (breachId: string) => app.sql<{ status: string; attempts: number }>('SELECT status, attempts FROM alert_deliveries WHERE breach_id = $1', [breachId]);

  it('a receiver that answers 500 to the first three deliveries then 200 receives each transition exactly once, signed', async () => {
    await channel({ name: 'flaky', kind: 'webhook', url: receiver.url('/flaky'), carriers: ['flaky-post', 'muted-post'] });
    const breachId = await openAndResolve('flaky-post', 'FK', '2026-03-02', '2026-03-04T00:00:00Z');
    await app.waitFor(async () => receiver.keys('/flaky').length === 2 && (await deliveries(breachId)).every((d) => d.status === 'delivered'), 60_000, 'both transitions');
    expect(receiver.keys('/flaky')).toEqual([`${breachId}:opened`, `${breachId}:resolved`]);
    const requests = receiver.requests.filter((r) => r.path === '/flaky');
    expect(requests.filter((r) => r.answered === 500)).toHaveLength(3);
    // Nothing more than needed was sent: each key answered 200 exactly once.
    expect(requests.filter((r) => r.answered === 200).map((r) => r.key).sort()).toEqual([`${breachId}:opened`, `${breachId}:resolved`]);
    expect(requests.every((r) => r.signatureOk)).toBe(true);
    expect(new Set(requests.map((r) => r.key)).size).toBe(2);
    const opened = JSON.parse(requests.find((r) => r.answered === 200 && r.key?.endsWith(':opened'))?.body ?? '{}') as { type: string; text: string; breach: { carrier: string } };
    expect(opened).toMatchObject({ type: 'breach.opened', breach: { carrier: 'flaky-post' } });
    expect(opened.text).toContain('first-attempt rate');
    const channels = (await app.request('GET', '/api/v1/notification-channels')).body as unknown as { url: string; healthy: boolean; consecutiveFailures: number }[];
    expect(channels.find((c) => c.url === receiver.url('/flaky'))).toMatchObject({ healthy: true, consecutiveFailures: 0 });
  });

  it('a worker killed by SIGKILL in the middle of a delivery: each transition still arrives and is acted on once', async () => {
    await channel({ name: 'hold', kind: 'webhook', url: receiver.url('/hold'), carriers: ['hold-post'] });
    const held = receiver.waitForHold();
    const breachId = await openAndResolve('hold-post', 'HP', '2026-04-06', '2026-04-08T00:00:00Z');
    await held;
    await app.killWorkers('SIGKILL');
    await app.startWorker();
    await app.waitFor(async () => receiver.keys('/hold').length === 2 && (await deliveries(breachId)).every((d) => d.status === 'delivered'), 90_000, 'redelivery after the kill');
    expect(receiver.keys('/hold')).toEqual([`${breachId}:opened`, `${breachId}:resolved`]);
    expect(receiver.deduped).toBeGreaterThanOrEqual(1);
    expect(receiver.requests.filter((r) => r.path === '/hold').every((r) => r.signatureOk)).toBe(true);
  });

  it("e-mail carries the breach's facts", async () => {
    await channel({ name: 'ops mail', kind: 'email', address: 'ops@example.com', carriers: ['mail-post'] });
    const breachId = await openAndResolve('mail-post', 'MP', '2026-05-04', '2026-05-06T00:00:00Z');
    await app.waitFor(async () => mails.filter((m) => m.data.includes(breachId)).length === 2, 60_000, 'two e-mails');
    const [opened] = mails.filter((m) => m.data.includes(`${breachId}:opened`));
    expect(opened.to).toBe('ops@example.com');
    expect(opened.data).toContain('SLA breach opened');
    expect(opened.data).toContain('alerts mail-post');
    expect(opened.data).toContain('Sample: 3');
    expect(opened.data).toContain('Value: 0%');
  });

  it('a silence mutes alerts but the breach is still listed', async () => {
    const silence = await app.request('POST', '/api/v1/silences', { body: { from: '2026-06-01T00:00:00Z', to: '2026-06-30T00:00:00Z', carrier: 'muted-post', reason: 'known strike' } });
    expect(silence.status).toBe(201);
    expect(silence.body).toMatchObject({ carrier: 'muted-post', createdBy: 'admin-token' });
    await app.createCarrier('muted-post');
    const policyId = await createPolicy(app, firstAttemptPolicy({ name: 'muted', carrier: 'muted-post' }));
    await postEvents(app, parcels('muted-post', 'MU', '2026-06-08', { good: 0, bad: 3 }));
    const scope = (await evaluate(app, '2026-06-10T00:00:00Z')).policies.find((p) => p.policyId === policyId)?.scopes[0];
    expect(scope).toMatchObject({ action: 'open' });
    const listed = (await app.request('GET', '/api/v1/breaches?carrier=muted-post')).body as unknown as { id: string; status: string }[];
    expect(listed.map((b) => [b.id, b.status])).toEqual([[scope?.breachId, 'open']]);
    expect(await deliveries(scope?.breachId as string)).toEqual([]);
    expect(receiver.requests.filter((r) => r.key?.startsWith(scope?.breachId as string))).toEqual([]);
  });

  it('a failing channel becomes unhealthy', async () => {
    const failing = await channel({ name: 'broken', kind: 'webhook', url: receiver.url('/fail'), carriers: ['fail-post'] });
    await app.createCarrier('fail-post');
    await createPolicy(app, firstAttemptPolicy({ name: 'failing', carrier: 'fail-post' }));
    await postEvents(app, parcels('fail-post', 'FP', '2026-07-06', { good: 0, bad: 3 }));
    await evaluate(app, '2026-07-08T00:00:00Z');
    const view = async () => ((await app.request('GET', '/api/v1/notification-channels')).body as unknown as { id: string; healthy: boolean; consecutiveFailures: number; lastError: string }[]).find((c) => c.id === failing.id);
    await app.waitFor(async () => (await view())?.healthy === false, 60_000, 'the channel to turn unhealthy');
    expect(await view()).toMatchObject({ healthy: false, lastError: 'webhook answered 500' });
    expect((await view())?.consecutiveFailures).toBeGreaterThanOrEqual(4);
    const health = await app.request('GET', '/api/v1/health');
    expect((health.body as unknown as { alerts: { unhealthyChannels: { id: string }[] } }).alerts.unhealthyChannels.map((c) => c.id)).toContain(failing.id);
  });

  it('"send test" reaches the receiver signed through the worker, and the channel history records it beside breach alerts', async () => {
    const tested = await channel({ name: 'tested', kind: 'webhook', url: receiver.url('/tested'), carriers: ['test-post'] });
    const openedBreach = await openAndResolve('test-post', 'TP', '2026-07-13', '2026-07-15T00:00:00Z');
    const sent = await app.request('POST', `/api/v1/notification-channels/${tested.id}/test`);
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ kind: 'test', transition: 'test', breachId: null, status: 'pending' });
    await app.waitFor(async () => receiver.requests.some((r) => r.path === '/tested' && JSON.parse(r.body).type === 'channel.test'), 60_000, 'the test alert');
    const received = receiver.requests.find((r) => r.path === '/tested' && JSON.parse(r.body).type === 'channel.test') as Received;
    expect(received.signatureOk).toBe(true);
    expect(JSON.parse(received.body)).toMatchObject({ type: 'channel.test', test: true, channel: 'tested', requestedBy: 'admin-token' });
    expect(received.key).toBe(JSON.parse(received.body).idempotencyKey);
    const history = async () => (await app.request('GET', `/api/v1/notification-channels/${tested.id}/deliveries`)).body as unknown as Record<string, unknown>[];
    await app.waitFor(async () => (await history()).every((d) => d.status === 'delivered'), 60_000, 'the history to settle');
    const rows = await history();
    expect(rows.map((d) => [d.kind, d.transition, d.status, d.error])).toEqual([
      ['test', 'test', 'delivered', null],
      ['breach', 'resolved', 'delivered', null],
      ['breach', 'opened', 'delivered', null],
    ]);
    expect(rows[1].breachId).toBe(openedBreach);
    expect((await app.request('POST', '/api/v1/notification-channels/00000000-0000-4000-8000-000000000000/test')).status).toBe(404);
  });

  it('a failed test send is in the history with its error', async () => {
    const failing = await channel({ name: 'test fails', kind: 'webhook', url: receiver.url('/fail') });
    await app.request('POST', `/api/v1/notification-channels/${failing.id}/test`);
    const history = async () => (await app.request('GET', `/api/v1/notification-channels/${failing.id}/deliveries`)).body as unknown as Record<string, unknown>[];
    await app.waitFor(async () => (await history())[0]?.error === 'webhook answered 500', 60_000, 'the failure to be recorded');
    expect((await history())[0]).toMatchObject({ kind: 'test' });
  });

  it('notification channels validate their fields', async () => {
    const response = await app.request('POST', '/api/v1/notification-channels', { body: { name: 'x', kind: 'webhook', url: 'ftp://nope' } });
    expect(response.status).toBe(400);
    expect((response.body as unknown as { errors: string[] }).errors).toEqual(['url must be an http:// or https:// URL']);
  });
});

describe('reminders', () => {
  let app: LanewatchApp;
  const receiver = new Receiver({});

  beforeAll(async () => {
    await receiver.start();
    app = await LanewatchApp.start({ env: { SLA_REMINDER_MINUTES: '60', SLA_EVALUATION_INTERVAL_MS: '86400000', ALERT_BACKOFF_MS: '100', ALERT_ALLOW_PRIVATE_TARGETS: 'true' } });
  });
  afterAll(async () => {
    await app?.stop();
    await receiver.stop();
  });

  it('an open breach is reminded every SLA_REMINDER_MINUTES, once per reminder, until it is acknowledged', async () => {
    const created = (await app.request('POST', '/api/v1/notification-channels', { body: { name: 'remind', kind: 'webhook', url: receiver.url('/remind') } })).body as unknown as { secret: string };
    receiver.secrets.set('/remind', created.secret);
    await app.createCarrier('remind-post');
    await postEvents(app, parcels('remind-post', 'RP', '2026-03-02', { good: 0, bad: 3 }));
    // The evaluation ingestion triggers runs at the wall clock; let it pass before the policy exists.
    await app.waitFor(async () => !(await debouncedEvaluationQueued(app)), 30_000, 'the debounced evaluation');
    const policyId = await createPolicy(app, firstAttemptPolicy({ name: 'remind', carrier: 'remind-post' }));
    const scope = async (asOf: string) => (await evaluate(app, asOf)).policies.find((p) => p.policyId === policyId)?.scopes[0];
    const breachId = (await scope('2026-03-04T00:00:00Z'))?.breachId as string;
    expect(await scope('2026-03-04T00:45:00Z')).toMatchObject({ action: 'update', reminder: null });
    expect(await scope('2026-03-04T01:00:00Z')).toMatchObject({ action: 'update', reminder: 1 });
    expect(await scope('2026-03-04T01:00:00Z')).toMatchObject({ reminder: null });
    expect(await scope('2026-03-04T02:00:00Z')).toMatchObject({ reminder: 2 });
    expect((await app.request('POST', `/api/v1/breaches/${breachId}/acknowledge`, { body: { note: 'on it' } })).status).toBe(200);
    expect(await scope('2026-03-04T05:00:00Z')).toMatchObject({ reminder: null });
    await app.waitFor(async () => receiver.keys('/remind').length === 3, 30_000, 'the opening and two reminders');
    expect(receiver.keys('/remind')).toEqual([`${breachId}:opened`, `${breachId}:reminder:1`, `${breachId}:reminder:2`]);
    expect(receiver.requests.every((r) => r.signatureOk)).toBe(true);
    const reminder = JSON.parse(receiver.requests.find((r) => r.key === `${breachId}:reminder:1`)?.body ?? '{}') as { type: string };
    expect(reminder.type).toBe('breach.reminder');
  });
});
