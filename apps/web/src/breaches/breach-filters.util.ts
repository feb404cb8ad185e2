import { BREACH_STATUSES, type BreachStatus, SLA_SEVERITIES, type SlaSeverity } from '../api/sla-types';

// The breaches list's filters, all in the URL. `severity` is applied in the page: the API has no such filter.
export type BreachFilters = {
  status: BreachStatus | null;
  severity: SlaSeverity | null;
  carrier: string | null;
  corridor: string | null;
};

export const EMPTY_BREACH_FILTERS: BreachFilters = { status: null, severity: null, carrier: null, corridor: null };

// The API's rules for the values (libs/domain kpi-query and the policy schema).
const CARRIER_PATTERN = /^[a-z0-9][a-z0-9_-]{1,39}$/;
const CORRIDOR_PATTERN = /^[A-Z]{2}-[A-Z]{2}$/;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

// Never throws: a hand-edited link still opens the list, with a note of what was left out.
export function parseBreachFilters(params: URLSearchParams): { filters: BreachFilters; problems: string[] } {
  const problems: string[] = [];
  const read = (key: string) => {
    const value = params.get(key)?.trim() ?? '';
    return value === '' ? null : value;
  };
  const pick = <T extends string>(key: string, allowed: readonly T[]): T | null => {
    const value = read(key);
    const chosen = oneOf(value, allowed);
    if (value !== null && chosen === null) {
      problems.push(`The link’s ${key} "${value}" is not one of ${allowed.join(', ')}; it was left out.`);
    }
    return chosen;
  };
  const code = (key: 'carrier' | 'corridor', pattern: RegExp, example: string) => {
    const value = read(key);
    if (value !== null && !pattern.test(value)) {
      problems.push(`The link’s ${key} "${value}" is not ${example}; it was left out.`);
      return null;
    }
    return value;
  };
  return {
    filters: {
      status: pick('status', BREACH_STATUSES),
      severity: pick('severity', SLA_SEVERITIES),
      carrier: code('carrier', CARRIER_PATTERN, 'a carrier code such as correios'),
      corridor: code('corridor', CORRIDOR_PATTERN, 'a corridor such as CN-BR'),
    },
    problems,
  };
}

// What is wrong with a value typed into the filter form, or null.
export function filterValueProblem(key: 'carrier' | 'corridor', value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') {
    return null;
  }
  if (key === 'carrier') {
    return CARRIER_PATTERN.test(trimmed) ? null : 'A carrier code: lower-case letters, digits, - or _ (e.g. correios).';
  }
  return CORRIDOR_PATTERN.test(trimmed) ? null : 'Two country codes, e.g. CN-BR.';
}

// Other pages' parameters (the date range) are kept.
export function applyBreachFilters(params: URLSearchParams, filters: BreachFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of ['status', 'severity', 'carrier', 'corridor'] as const) {
    const value = filters[key];
    if (value === null) {
      next.delete(key);
    } else {
      next.set(key, value);
    }
  }
  return next;
}

export function breachListSearch(filters: Partial<BreachFilters>): string {
  const params = applyBreachFilters(new URLSearchParams(), { ...EMPTY_BREACH_FILTERS, ...filters });
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}
