export * from './milestones';
export * from './country';
export * from './timestamps';
export * from './event-identity';
export * from './event-validation';
export * from './code-map';
export * from './linking';
export * from './shipment-facts';
