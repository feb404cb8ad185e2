export * from './consequence.schema';
export * from './statement.types';
export * from './statement-period.util';
export * from './term-measure.util';
export * from './statement.calculator';
export * from './statement-revision.util';
