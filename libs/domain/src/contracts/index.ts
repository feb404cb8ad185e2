export * from './contract-clock.schema';
export * from './business-calendar';
export * from './clock-measure';
export * from './clock-episodes';
export * from './clock-days';
export * from './clock-facts';
