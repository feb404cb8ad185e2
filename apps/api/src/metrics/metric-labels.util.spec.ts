import { ingestRouteOf, methodLabel, routeLabel, statusClass, UNMATCHED_ROUTE } from './metric-labels.util';

describe('routeLabel', () => {
  it('uses the matched template, not the raw URL with its ids', () => {
    expect(routeLabel({ routePath: '/api/v1/ingest/batches/:batchId' })).toBe('/api/v1/ingest/batches/:batchId');
  });

  it('prefixes the mount path of a sub-router', () => {
    expect(routeLabel({ baseUrl: '/api/v1', routePath: '/carriers/:code' })).toBe('/api/v1/carriers/:code');
  });

  it('gives every request no route matched one shared label', () => {
    expect(routeLabel({})).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ routePath: undefined, baseUrl: '/anything' })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ routePath: '' })).toBe(UNMATCHED_ROUTE);
  });

  it('does not take a path pattern that is not a string (a RegExp or an array) as a label', () => {
    expect(routeLabel({ routePath: /^\/x\/(\d+)$/ })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ routePath: ['/a', '/b'] })).toBe(UNMATCHED_ROUTE);
  });

  it('refuses an overlong template rather than storing it', () => {
    expect(routeLabel({ routePath: `/${'a'.repeat(200)}` })).toBe(UNMATCHED_ROUTE);
  });
});

describe('methodLabel', () => {
  it('keeps the standard methods, upper-cased, and folds the rest into OTHER', () => {
    expect(['get', 'POST', 'Delete', 'PROPFIND', 'BREW'].map(methodLabel)).toEqual(['GET', 'POST', 'DELETE', 'OTHER', 'OTHER']);
  });
});

describe('statusClass', () => {
  it('groups statuses by their hundred', () => {
    expect([200, 202, 304, 401, 429, 500, 503].map(statusClass)).toEqual(['2xx', '2xx', '3xx', '4xx', '4xx', '5xx', '5xx']);
  });

  it('calls anything outside 100-599 other', () => {
    expect([0, 99, 600, Number.NaN, 200.5].map(statusClass)).toEqual(['other', 'other', 'other', 'other', 'other']);
  });
});

describe('ingestRouteOf', () => {
  it('names the path a batch came in by from its source', () => {
    expect(['canonical', 'webhook:aftership', 'webhook:upu', 'csv-import'].map(ingestRouteOf)).toEqual(['events', 'webhook', 'webhook', 'import']);
  });
});
