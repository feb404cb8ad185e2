// SLA and contracts: evaluation of policies over the read model, breaches and their evidence, alert fan-out,
// contracts applied as policies, statements and the monthly review pack (which measures policies).
export * from './alert-channels';
export * from './breach-view';
export * from './evaluate';
export * from './evidence';
export * from './measure-scope';
export * from './apply-contract';
export * from './preview';
export * from './review';
export * from './statements';
