export * from './compute-statement';
