// The read model: KPIs, scorecards, distributions, exceptions and fidelity read from the rollups and facts.
export * from './kpis';
export * from './rollup-groups';
export * from './feed-health';
export * from './scorecard';
export * from './kpi-distribution';
export * from './fidelity';
export * from './exceptions';
