export * from './contract-clock.schema';
