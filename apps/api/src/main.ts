import 'reflect-metadata';
import { loadConfigOrExit } from '@lanewatch/config';
import { Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureHttp } from './http-setup';
import { ApiLogger } from './infrastructure/api-logger';
import { answerClientErrorsGracefully } from './infrastructure/client-errors';
import { assertEveryRouteDeclaresAccess } from './auth/route-access';
import { ApiMetrics } from './metrics/api-metrics';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bodyParser: false,
    logger: new ApiLogger(config.logLevel),
  });
  assertEveryRouteDeclaresAccess(app);
  configureHttp(app, { webDistDir: config.webDistDir, trustProxy: config.trustProxy, observeRequests: app.get(ApiMetrics).observeRequests() });
  app.enableShutdownHooks();
  await app.listen(config.port, '0.0.0.0');
  // Longer than the idle timeout of common proxies and clients (60 s): otherwise a client may send
  // on a kept-alive connection at the moment Node closes it after its default 5 s.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // The whole request, an import's upload included, must arrive within this (Node answers 408 and closes).
  server.requestTimeout = config.httpRequestTimeoutMs;
  answerClientErrorsGracefully(server);
  new Logger('Lanewatch').log(`API listening on http://localhost:${config.port} (docs at /api/docs)`);
}

main().catch((error: unknown) => {
  process.stderr.write(`api failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
