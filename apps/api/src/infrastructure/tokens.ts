export const CONFIG = Symbol('CONFIG');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const INGEST_QUEUE_TOKEN = Symbol('INGEST_QUEUE');
export const REDIS = Symbol('REDIS');
export const CLOCK = Symbol('CLOCK');

/** Injected so tests and asOf-style reads never depend on the wall clock directly. */
export interface Clock {
  now(): Date;
}
