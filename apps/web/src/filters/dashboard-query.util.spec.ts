import { describe, expect, it } from '@jest/globals';
import {
  applyDashboardQuery,
  dashboardSearch,
  type DashboardQuery,
  formatApiInstant,
  parseDashboardQuery,
  toSearchString,
} from './dashboard-query.util';

const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-11-20T15:42:10Z');
const LAST_30_DAYS = { fromMs: at('2026-10-22T00:00:00Z'), toMs: at('2026-11-21T00:00:00Z') };

function parse(search: string) {
  return parseDashboardQuery({ params: new URLSearchParams(search), nowMs: NOW });
}

describe('parseDashboardQuery', () => {
  it('defaults to the last 30 days and no filters for a bare link', () => {
    expect(parse('')).toEqual({ query: { ...LAST_30_DAYS, carrier: null, corridor: null }, problems: [] });
  });

  it('reads every field of a complete link', () => {
    const { query, problems } = parse('?from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00Z&carrier=correios&corridor=CN-BR');
    expect(problems).toEqual([]);
    expect(query).toEqual({
      fromMs: at('2026-11-01T00:00:00Z'),
      toMs: at('2026-11-08T00:00:00Z'),
      carrier: 'correios',
      corridor: 'CN-BR',
    });
  });

  it('resolves offsets to instants', () => {
    expect(parse('?from=2026-11-01T00:00:00-03:00&to=2026-11-02T00:00:00-03:00').query.fromMs).toBe(at('2026-11-01T03:00:00Z'));
  });

  it('falls back to the default range with a note when only one end is given', () => {
    const { query, problems } = parse('?from=2026-11-01T00:00:00Z');
    expect(query).toMatchObject(LAST_30_DAYS);
    expect(problems).toHaveLength(1);
  });

  it('refuses instants without a UTC offset, which would mean a different window to each reader', () => {
    const { query, problems } = parse('?from=2026-11-01T00:00:00&to=2026-11-08T00:00:00');
    expect(query).toMatchObject(LAST_30_DAYS);
    expect(problems[0]).toMatch(/UTC offset/);
  });

  it('refuses a range the API would reject and says why', () => {
    expect(parse('?from=2026-11-01T00:07:00Z&to=2026-11-08T00:00:00Z').problems[0]).toMatch(/quarter hour/);
    expect(parse('?from=2026-11-08T00:00:00Z&to=2026-11-01T00:00:00Z').problems[0]).toMatch(/before the end/);
  });

  it('drops a malformed carrier or corridor and keeps the rest', () => {
    const { query, problems } = parse('?carrier=DROP TABLE&corridor=cn-br');
    expect(query).toEqual({ ...LAST_30_DAYS, carrier: null, corridor: null });
    expect(problems).toHaveLength(2);
  });

  it('treats an empty carrier as no carrier', () => {
    expect(parse('?carrier=').problems).toEqual([]);
  });
});

describe('applyDashboardQuery', () => {
  const query: DashboardQuery = { ...LAST_30_DAYS, carrier: 'correios', corridor: null };

  it('writes the range as API instants and removes a filter that was cleared', () => {
    const params = applyDashboardQuery(new URLSearchParams('corridor=CN-BR'), query);
    expect(toSearchString(params)).toBe('?from=2026-10-22T00:00:00Z&to=2026-11-21T00:00:00Z&carrier=correios');
  });

  it('keeps parameters that belong to a page', () => {
    const params = applyDashboardQuery(new URLSearchParams('tracking=LX123'), query);
    expect(params.get('tracking')).toBe('LX123');
  });

  it('round-trips through the parser', () => {
    const search = toSearchString(applyDashboardQuery(new URLSearchParams(), { ...query, corridor: 'CN-BR' }));
    expect(parse(search)).toEqual({ query: { ...query, corridor: 'CN-BR' }, problems: [] });
  });
});

describe('formatApiInstant', () => {
  it('writes whole seconds without milliseconds', () => {
    expect(formatApiInstant(at('2026-11-01T00:15:00Z'))).toBe('2026-11-01T00:15:00Z');
  });
});

describe('dashboardSearch', () => {
  it('carries the shared filters to another page and nothing else', () => {
    expect(dashboardSearch('?tracking=LX1&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&carrier=dhl')).toBe(
      '?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&carrier=dhl',
    );
  });

  it('gives an empty search when there is nothing to carry', () => {
    expect(dashboardSearch('?tracking=LX1')).toBe('');
  });
});
