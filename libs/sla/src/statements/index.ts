export * from './compute-statement';
export * from './statement-view';
