import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { IngestRoute, methodLabel, routeLabel, statusClass } from './metric-labels.util';

/** One request's answer for one carrier, as the ingest path counted it. */
export interface IngestCount {
  carrier: string;
  accepted: number;
  duplicates: number;
  rejected: number;
}

/**
 * The API replica's own instruments, in a registry of its own (never prom-client's global one):
 * counters live in this process, so each replica is scraped and Prometheus sums them.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly httpRequests = new Counter({
    name: 'lanewatch_http_requests_total',
    help: 'HTTP requests answered, by method, matched route template and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'lanewatch_http_request_duration_seconds',
    help: 'Time from a request arriving to its response being sent, by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly ingestEvents = new Counter({
    name: 'lanewatch_ingest_events_total',
    help: 'Events in ingest requests, by carrier, route (events, webhook, import) and outcome (accepted, duplicate, rejected)',
    labelNames: ['carrier', 'route', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly silencedDeliveries = new Counter({
    name: 'lanewatch_alert_deliveries_silenced_total',
    help: 'Deliveries a silence kept from matching channels, by channel kind, in evaluations asked of this API (POST /api/v1/sla-evaluations; the worker counts its own)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  constructor() {
    for (const kind of ['webhook', 'email']) this.silencedDeliveries.inc({ kind }, 0);
    collectDefaultMetrics({ register: this.registry, prefix: 'lanewatch_' });
  }

  /** Express middleware, installed before everything else so the time includes body parsing. */
  observeRequests() {
    return (request: Request, response: Response, next: NextFunction): void => {
      const started = process.hrtime.bigint();
      response.once('finish', () => {
        // Read at the end: Express sets request.route only once a route has matched.
        const route = routeLabel({ baseUrl: request.baseUrl, routePath: (request.route as { path?: unknown } | undefined)?.path });
        const method = methodLabel(request.method);
        this.httpRequests.inc({ method, route, status_class: statusClass(response.statusCode) });
        this.httpDuration.observe({ method, route }, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    };
  }

  countSilenced(kinds: readonly string[]): void {
    for (const kind of kinds) this.silencedDeliveries.inc({ kind: kind === 'webhook' ? 'webhook' : 'email' });
  }

  /** Counted once the request's events are committed (or there were none to commit). */
  countIngest(route: IngestRoute, counts: IngestCount[]): void {
    for (const count of counts) {
      const outcomes = [
        ['accepted', count.accepted],
        ['duplicate', count.duplicates],
        ['rejected', count.rejected],
      ] as const;
      for (const [outcome, n] of outcomes) if (n > 0) this.ingestEvents.inc({ carrier: count.carrier, route, outcome }, n);
    }
  }
}
