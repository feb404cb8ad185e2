// What other features use of metrics: the API's counters and the label helpers they are keyed by.
export * from './api-metrics';
export * from './metric-labels.util';
