export * from './sql-runner';
export * from './batch.repository';
export * from './carrier.repository';
export * from './event.repository';
export * from './leg.repository';
export * from './link.repository';
export * from './shipment.repository';
export * from './facts.repository';
