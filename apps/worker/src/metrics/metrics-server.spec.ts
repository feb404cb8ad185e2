import { Counter, Registry } from 'prom-client';
import { MetricsServer, startMetricsServer } from './metrics-server';

// The worker's metrics server on loopback, port 0: what it serves and to whom.
describe('startMetricsServer', () => {
  const registry = new Registry();
  const counter = new Counter({ name: 'lanewatch_spec_things_total', help: 'things', registers: [registry] });
  let server: MetricsServer;

  beforeAll(async () => {
    counter.inc(3);
    server = await startMetricsServer({ registry, host: '127.0.0.1', port: 0, tokens: ['metrics-token-0123456789', 'admin-token-0123456789'] });
  });
  afterAll(() => server.close());

  const get = (path: string, token?: string) =>
    fetch(`http://127.0.0.1:${server.port}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('picks a free port when asked for port 0 and serves the registry to either token', async () => {
    expect(server.port).toBeGreaterThan(0);
    for (const token of ['metrics-token-0123456789', 'admin-token-0123456789']) {
      const response = await get('/metrics', token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(registry.contentType);
      expect((await response.text()).split('\n')).toContain('lanewatch_spec_things_total 3');
    }
  });

  it('answers 401 without a token or with another one', async () => {
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics', 'metrics-token-0123456789x')).status).toBe(401);
  });

  it('serves nothing but /metrics', async () => {
    expect((await get('/', 'metrics-token-0123456789')).status).toBe(404);
    expect((await get('/metrics/extra', 'metrics-token-0123456789')).status).toBe(404);
  });

  it('refuses a port already taken instead of starting without metrics', async () => {
    await expect(startMetricsServer({ registry, host: '127.0.0.1', port: server.port, tokens: ['t'.repeat(16)] })).rejects.toThrow(/EADDRINUSE/);
  });
});
