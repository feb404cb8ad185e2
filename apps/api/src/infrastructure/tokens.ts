export const CONFIG = Symbol('CONFIG');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
/** The KPI and scorecard reads' data source: a read replica's with DATABASE_READ_URL, else DATA_SOURCE itself. */
export const READ_DATA_SOURCE = Symbol('READ_DATA_SOURCE');
export const INGEST_QUEUE_TOKEN = Symbol('INGEST_QUEUE');
export const REDIS = Symbol('REDIS');
/** The BullMQ connection every queue of the API process shares (a cluster client is closed once, last). */
export const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');
export const CLOCK = Symbol('CLOCK');

/** Injected so tests and asOf-style reads never depend on the wall clock directly. */
export interface Clock {
  now(): Date;
}
