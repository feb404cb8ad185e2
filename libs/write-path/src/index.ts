// The write path: batches in, events stored, legs derived, facts and rollups kept, KPIs rebuilt.
export * from './process-batch';
export * from './derive';
export * from './compact';
export * from './register-shipment';
export * from './pin-link';
export * from './facts';
export * from './rebuild-kpis';
