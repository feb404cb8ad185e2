// What other features use of infrastructure: injection tokens, the batch queue and the request helpers.
// The module, logger and exception filter are wired by app.module and main.ts, not by features.
export * from './batch-queue';
export * from './request.util';
export * from './tokens';
