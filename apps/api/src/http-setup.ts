import { MAX_REQUEST_BYTES } from '@lanewatch/domain';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { servedByApi } from './api-paths.util';

interface BodyParserError extends Error {
  status?: number;
  type?: string;
}

/**
 * Express-level pieces: security headers, bounded JSON bodies with JSON errors, docs, the dashboard,
 * and whose X-Forwarded-For to believe (TRUST_PROXY; by default nobody's, so a client cannot pick the
 * address its sign-in attempts are counted under).
 */
export function configureHttp(
  app: INestApplication,
  options: { webDistDir?: string; trustProxy: false | number | string[]; observeRequests?: express.RequestHandler },
): void {
  // First, so a request's time includes its body and a body refused before routing is counted too.
  if (options.observeRequests) app.use(options.observeRequests);
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  server.set('trust proxy', options.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
      },
    }),
  );
  // No carrier code, tracking number, id or filter can hold a NUL character (PostgreSQL's text cannot):
  // a path or query naming one is the client's mistake, answered before any route looks it up.
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (/%00|\u0000/i.test(request.originalUrl)) {
      response.status(400).json({ statusCode: 400, message: 'the URL holds a NUL character (%00): no path or query value may contain one' });
    } else {
      next();
    }
  });
  app.use(
    express.json({
      limit: MAX_REQUEST_BYTES,
      verify: (request, _response, buffer) => {
        // Raw bytes are kept for webhook signatures, which are computed over the exact body.
        (request as Request & { rawBody?: Buffer }).rawBody = buffer;
      },
    }),
  );
  // The UPU EMSEVT-like CSV is posted as text (formats.md); other bodies stay JSON.
  app.use(express.text({ type: 'text/csv', limit: MAX_REQUEST_BYTES }));
  app.use((error: BodyParserError, _request: Request, response: Response, next: NextFunction) => {
    if (error?.type === 'entity.too.large') {
      response.status(413).json({ statusCode: 413, message: `request body exceeds ${MAX_REQUEST_BYTES / 1024 / 1024} MB; split the batch` });
    } else if (error?.type === 'entity.parse.failed') {
      response.status(400).json({ statusCode: 400, message: `body is not valid JSON: ${error.message}` });
    } else if (error?.status && error.status >= 400 && error.status < 500) {
      response.status(error.status).json({ statusCode: error.status, message: error.message });
    } else {
      next(error);
    }
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Lanewatch API')
      .setDescription('Carrier SLA monitoring: ingest, shipments, code maps. Authenticate with a carrier API key or the admin token.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);

  const webDistDir = options.webDistDir;
  if (webDistDir && existsSync(join(webDistDir, 'index.html'))) {
    app.use(express.static(webDistDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes: anything that is not the API (nor Prometheus' /metrics) falls back to the dashboard.
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (request.method === 'GET' && !servedByApi(request.path)) response.sendFile(join(webDistDir, 'index.html'));
      else next();
    });
  }
}
