import { servedByApi } from './api-paths.util';

describe('servedByApi', () => {
  it("leaves the API's paths and Prometheus' /metrics to the API", () => {
    expect(['/api/v1/events', '/api/docs', '/metrics', '/metrics/'].map(servedByApi)).toEqual([true, true, true, true]);
  });

  it("gives the dashboard's client-side routes, and paths that only start like /metrics, to the dashboard", () => {
    expect(['/', '/carriers/correios', '/metrics-board', '/metricsx', '/ops/metrics'].map(servedByApi)).toEqual([false, false, false, false, false]);
  });
});
