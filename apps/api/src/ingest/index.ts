// What other features (imports, webhooks) may use of ingest: its module, the service that stores events, the rate limiter.
export { IngestModule } from './ingest.module';
export { IngestService, type IngestResponse, type PreparedEvent } from './ingest.service';
export { IngestRateLimiter } from './rate-limiter';
