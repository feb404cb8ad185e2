import { describe, expect, it } from '@jest/globals';
import { applyBreachFilters, breachListSearch, filterValueProblem, parseBreachFilters } from './breach-filters.util';

describe('parseBreachFilters', () => {
  it('reads every filter from the link', () => {
    const params = new URLSearchParams('status=open&severity=critical&carrier=correios&corridor=CN-BR');
    expect(parseBreachFilters(params)).toEqual({
      filters: { status: 'open', severity: 'critical', carrier: 'correios', corridor: 'CN-BR' },
      problems: [],
    });
  });

  it('drops values the API would refuse, and says so', () => {
    const { filters, problems } = parseBreachFilters(new URLSearchParams('status=closed&corridor=china'));
    expect(filters).toEqual({ status: null, severity: null, carrier: null, corridor: null });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('status "closed"');
  });

  it('an empty link is no filter at all', () => {
    expect(parseBreachFilters(new URLSearchParams()).filters).toEqual({ status: null, severity: null, carrier: null, corridor: null });
  });
});

describe('applyBreachFilters', () => {
  it('keeps the date range of the shared filters and removes cleared ones', () => {
    const params = new URLSearchParams('from=2026-11-01T00:00:00Z&status=open');
    const next = applyBreachFilters(params, { status: null, severity: 'major', carrier: 'correios', corridor: null });
    expect(next.get('from')).toBe('2026-11-01T00:00:00Z');
    expect(next.has('status')).toBe(false);
    expect(next.get('severity')).toBe('major');
    expect(next.get('carrier')).toBe('correios');
  });

  it('builds the link of an overview tile', () => {
    expect(breachListSearch({ status: 'open', severity: 'critical' })).toBe('?status=open&severity=critical');
  });
});

describe('filterValueProblem', () => {
  it.each([
    ['carrier', 'correios', null],
    ['carrier', 'Correios Brasil', 'A carrier code: lower-case letters, digits, - or _ (e.g. correios).'],
    ['corridor', 'CN-BR', null],
    ['corridor', 'cn-br', 'Two country codes, e.g. CN-BR.'],
    ['corridor', '  ', null],
  ] as const)('%s "%s"', (key, value, expected) => {
    expect(filterValueProblem(key, value)).toBe(expected);
  });
});
