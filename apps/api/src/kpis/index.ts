// What other features (exceptions, review) may use of kpis: reads inside one snapshot.
export { inReadSnapshot } from './read-snapshot';
