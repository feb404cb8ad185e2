import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The worker has no HTTP API: this serves GET /metrics alone, to a bearer among `tokens` (METRICS_TOKEN
 * and the admin token, as the API's /metrics; sessions live in PostgreSQL and are not looked up here).
 */
export async function startMetricsServer(options: { registry: Registry; host: string; port: number; tokens: string[] }): Promise<MetricsServer> {
  const accepted = options.tokens.map(digest);
  const authorised = (header: string | undefined) => {
    const token = /^Bearer\s+(\S{1,512})$/i.exec(header ?? '')?.[1];
    return token !== undefined && accepted.some((expected) => timingSafeEqual(digest(token), expected));
  };
  const answer = (response: ServerResponse, status: number, message: string) => {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${message}\n`);
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics') return answer(response, 404, 'only /metrics is served here');
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(response, 405, 'use GET');
    if (!authorised(request.headers.authorization)) return answer(response, 401, 'a valid Authorization: Bearer <METRICS_TOKEN or admin token> header is required');
    const text = await options.registry.metrics();
    response.writeHead(200, { 'content-type': options.registry.contentType, 'cache-control': 'no-store' }).end(request.method === 'HEAD' ? undefined : text);
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => answer(response, 500, 'metrics could not be collected'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
