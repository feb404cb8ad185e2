export * from './process-batch';
export * from './relink';
export * from './register-shipment';
export * from './facts';
export * from './kpis';
