import type { AlertInput } from '@lanewatch/domain';
import { createServer as createHttpServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo, createServer as createTcpServer, Server as TcpServer, Socket } from 'node:net';
import { DeliveryFailure, NO_ANSWER, NOT_PUBLIC, ResolveAll, sendWebhook } from './alert-sender';

// The webhook sender against real sockets on 127.0.0.1: which addresses it connects to, that it
// connects to the address it checked, that it follows no redirect, and that what a channel shows of a
// failure does not tell a closed port from a silent one or a non-HTTP service (events.md §9).

const alert: AlertInput = {
  type: 'breach.opened',
  breach: {
    id: '00000000-0000-4000-8000-000000000001',
    policyId: '00000000-0000-4000-8000-000000000002',
    policyName: 'first attempt',
    severity: 'critical',
    carrier: 'acme',
    corridor: 'CN-BR',
    serviceLevel: null,
    metric: 'first_attempt_rate',
    op: 'gte',
    threshold: 0.9,
    value: 0.5,
    worstValue: 0.5,
    sample: 10,
    windowFrom: '2026-11-16T00:00:00.000Z',
    windowTo: '2026-11-23T00:00:00.000Z',
    status: 'open',
    openedAt: '2026-11-23T00:00:00.000Z',
    lastEvaluatedAt: '2026-11-23T00:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
  },
};

interface Seen {
  path: string;
  host: string | undefined;
}

describe('sendWebhook', () => {
  const seen: Seen[] = [];
  let http: Server;
  let port: number;
  const sockets = new Set<Socket>();
  const tcpServers: TcpServer[] = [];

  beforeAll(async () => {
    http = createHttpServer((request: IncomingMessage, response) => {
      seen.push({ path: request.url ?? '', host: request.headers.host });
      if (request.url === '/redirect') response.writeHead(302, { location: '/redirected' }).end();
      else response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    port = (http.address() as AddressInfo).port;
  });
  beforeEach(() => seen.splice(0));
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all([http, ...tcpServers].map((server) => new Promise((resolve) => server.close(resolve))));
  });

  const send = (url: string, options: { allowPrivate: boolean; resolve?: ResolveAll; timeoutMs?: number }) =>
    sendWebhook({ url, secret: 'lwc_test', alert, nowSec: Math.floor(Date.now() / 1000), ...options });
  const failureOf = async (sending: Promise<void>) => {
    const error = await sending.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DeliveryFailure);
    return error as DeliveryFailure;
  };
  const resolver = (answers: string[][]) => {
    const calls: string[] = [];
    const resolve: ResolveAll = async (hostname) => {
      calls.push(hostname);
      const next = answers[Math.min(calls.length - 1, answers.length - 1)];
      return next.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    return { resolve, calls };
  };

  it('a name that resolves to 127.0.0.1 is refused before any connection, with the generic refusal', async () => {
    const { resolve, calls } = resolver([['127.0.0.1']]);
    const failure = await failureOf(send(`http://receiver.example.com:${port}/hook`, { allowPrivate: false, resolve }));
    expect(failure.message).toBe(NOT_PUBLIC);
    expect(failure.detail).toBe('receiver.example.com resolves to 127.0.0.1; 127.0.0.1 is a loopback address: alert webhooks may only target public addresses unless ALERT_ALLOW_PRIVATE_TARGETS=true');
    expect(calls).toEqual(['receiver.example.com']);
    expect(seen).toEqual([]);
  });

  it('one private answer among public ones refuses the name (a rebinding name cannot mix them)', async () => {
    const { resolve } = resolver([['93.184.216.34', '::ffff:169.254.169.254']]);
    expect((await failureOf(send(`http://mixed.example.com:${port}/hook`, { allowPrivate: false, resolve }))).message).toBe(NOT_PUBLIC);
    expect(seen).toEqual([]);
  });

  it('connects to the address the checked lookup answered, resolving once per delivery: no second answer can differ', async () => {
    // The name exists only in this resolver: reaching the receiver proves the socket used its answer.
    const { resolve, calls } = resolver([['127.0.0.1'], ['169.254.169.254']]);
    await send(`http://pinned.example.com:${port}/hook`, { allowPrivate: true, resolve });
    expect(calls).toEqual(['pinned.example.com']);
    expect(seen).toEqual([{ path: '/hook', host: `pinned.example.com:${port}` }]);
    // The next delivery resolves anew and is checked anew.
    expect((await failureOf(send(`http://pinned.example.com:${port}/hook`, { allowPrivate: true, resolve }))).message).toBe(NOT_PUBLIC);
    expect(seen).toHaveLength(1);
  });

  it('a literal private address is refused without a connection unless private targets are allowed', async () => {
    expect((await failureOf(send(`http://127.0.0.1:${port}/hook`, { allowPrivate: false }))).message).toBe(NOT_PUBLIC);
    expect((await failureOf(send(`http://[::ffff:127.0.0.1]:${port}/hook`, { allowPrivate: false }))).message).toBe(NOT_PUBLIC);
    expect((await failureOf(send(`http://169.254.169.254/latest/meta-data/`, { allowPrivate: true }))).message).toBe(NOT_PUBLIC);
    expect(seen).toEqual([]);
    await send(`http://127.0.0.1:${port}/hook`, { allowPrivate: true });
    expect(seen.map((request) => request.path)).toEqual(['/hook']);
  });

  it('does not follow a redirect: a 302 is a failure naming the status, the Location is never requested', async () => {
    const failure = await failureOf(send(`http://127.0.0.1:${port}/redirect`, { allowPrivate: true }));
    expect(failure.message).toBe('webhook answered 302; redirects are not followed');
    expect(seen.map((request) => request.path)).toEqual(['/redirect']);
  });

  it('a closed port, a port that never answers and a non-HTTP service fail with the same text; only the log detail differs', async () => {
    const listen = async (onConnection: (socket: Socket) => void) => {
      const server = createTcpServer((socket) => {
        sockets.add(socket);
        onConnection(socket);
      });
      tcpServers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as AddressInfo).port;
    };
    const closed = await listen(() => undefined);
    await new Promise((resolve) => tcpServers.pop()?.close(resolve));
    const silent = await listen(() => undefined);
    const notHttp = await listen((socket) => socket.end('-ERR unknown command\r\n'));
    const failures = await Promise.all([closed, silent, notHttp].map((target) => failureOf(send(`http://127.0.0.1:${target}/`, { allowPrivate: true, timeoutMs: 500 }))));
    expect(failures.map((failure) => failure.message)).toEqual([NO_ANSWER, NO_ANSWER, NO_ANSWER]);
    expect(new Set(failures.map((failure) => failure.detail)).size).toBe(3);
  });
});
