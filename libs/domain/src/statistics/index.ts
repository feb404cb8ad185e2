export * from './moments.util';
export * from './histogram.util';
export { percentileCont } from './percentile.util';
export * from './wilson.util';
export * from './kaplan-meier.util';
export * from './display-bins.util';
