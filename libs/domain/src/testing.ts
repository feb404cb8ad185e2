// Test data for specs only (not exported from the main entry): the SLA examples the domain's specs use,
// which the dashboard's specs extend with what the API adds, so both describe one example.
export * from './sla/sla-test.factory';
