import type { GroupBy, KpiResponse, KpiRow } from '../oracle/kpi-oracle';

// kpis.md §4 tolerances: means, variances and rates exact (relative error ≤ 1e−6); percentiles within
// max(1 %, 0.05 d) for transit and max(1 %, 0.5 h) for customs.
export const exactTolerance = (value: number): number => Math.max(1e-6 * Math.abs(value), 1e-12);
export const transitPercentileTolerance = (value: number): number => Math.max(0.01 * Math.abs(value), 0.05);
export const customsPercentileTolerance = (value: number): number => Math.max(0.01 * Math.abs(value), 0.5);

export interface KpiRequest {
  from: string;
  to: string;
  groupBy: GroupBy;
  carrier?: string;
  corridor?: string;
  serviceLevel?: string;
}

export function kpiPath(request: KpiRequest): string {
  const query = new URLSearchParams({ from: request.from, to: request.to, groupBy: request.groupBy });
  for (const key of ['carrier', 'corridor', 'serviceLevel'] as const) {
    const value = request[key];
    if (value !== undefined) query.set(key, value);
  }
  return `/api/v1/kpis?${query}`;
}

export const rowKey = (row: Pick<KpiRow, 'carrier' | 'corridor' | 'serviceLevel'>): string => `${row.carrier}|${row.corridor}|${row.serviceLevel}`;

function compareNumber(
  problems: string[],
  where: string,
  actual: unknown,
  expected: number | null,
  tolerance: (exact: number) => number,
): void {
  if (expected === null) {
    if (actual !== null) problems.push(`${where}: expected null, API answered ${JSON.stringify(actual)}`);
    return;
  }
  if (typeof actual !== 'number') {
    problems.push(`${where}: expected ${expected}, API answered ${JSON.stringify(actual)}`);
    return;
  }
  const error = Math.abs(actual - expected);
  if (!(error <= tolerance(expected))) problems.push(`${where}: API ${actual} vs exact ${expected} (error ${error} > ${tolerance(expected)})`);
}

function compareCount(problems: string[], where: string, actual: unknown, expected: number): void {
  if (actual !== expected) problems.push(`${where}: expected ${expected}, API answered ${JSON.stringify(actual)}`);
}

/**
 * Every metric of kpis.md §5 of every row, against the oracle's exact answer: which groups appear
 * and in what order, counts, means, variances, standard deviations, percentiles, rates and the null
 * rules (a family without data is null, never 0; variance and stddev are null for n < 2).
 * Returns the disagreements in words, empty when the answers agree.
 */
export function kpiMismatches(actual: KpiResponse, expected: KpiResponse, label: string): string[] {
  const problems: string[] = [];
  if (JSON.stringify(actual.groupBy) !== JSON.stringify(expected.groupBy)) {
    problems.push(`${label}: groupBy ${JSON.stringify(actual.groupBy)} vs ${JSON.stringify(expected.groupBy)}`);
  }
  const actualKeys = actual.rows.map(rowKey);
  const expectedKeys = expected.rows.map(rowKey);
  if (JSON.stringify(actualKeys) !== JSON.stringify(expectedKeys)) {
    const missing = expectedKeys.filter((key) => !actualKeys.includes(key));
    const extra = actualKeys.filter((key) => !expectedKeys.includes(key));
    problems.push(`${label}: groups differ (missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}, API order ${JSON.stringify(actualKeys)})`);
  }
  const actualByKey = new Map(actual.rows.map((row) => [rowKey(row), row]));
  for (const want of expected.rows) {
    const got = actualByKey.get(rowKey(want));
    if (got === undefined) continue;
    const where = `${label} [${rowKey(want)}]`;
    compareFamily(problems, `${where} transit`, got.transit, want.transit, (a, e) => {
      compareCount(problems, `${where} transit.count`, a.count, e.count);
      compareNumber(problems, `${where} transit.meanDays`, a.meanDays, e.meanDays, exactTolerance);
      compareNumber(problems, `${where} transit.varianceDays`, a.varianceDays, e.varianceDays, exactTolerance);
      compareNumber(problems, `${where} transit.stddevDays`, a.stddevDays, e.stddevDays, exactTolerance);
      for (const p of ['p50Days', 'p90Days', 'p95Days'] as const) compareNumber(problems, `${where} transit.${p}`, a[p], e[p], transitPercentileTolerance);
    });
    compareFamily(problems, `${where} customsHold`, got.customsHold, want.customsHold, (a, e) => {
      compareCount(problems, `${where} customsHold.count`, a.count, e.count);
      compareNumber(problems, `${where} customsHold.meanHours`, a.meanHours, e.meanHours, exactTolerance);
      for (const p of ['p50Hours', 'p90Hours'] as const) compareNumber(problems, `${where} customsHold.${p}`, a[p], e[p], customsPercentileTolerance);
    });
    compareFamily(problems, `${where} firstAttempt`, got.firstAttempt, want.firstAttempt, (a, e) => {
      compareCount(problems, `${where} firstAttempt.attempted`, a.attempted, e.attempted);
      compareCount(problems, `${where} firstAttempt.delivered`, a.delivered, e.delivered);
      compareNumber(problems, `${where} firstAttempt.rate`, a.rate, e.rate, exactTolerance);
    });
    compareFamily(problems, `${where} onTime`, got.onTime, want.onTime, (a, e) => {
      compareCount(problems, `${where} onTime.delivered`, a.delivered, e.delivered);
      compareCount(problems, `${where} onTime.onTime`, a.onTime, e.onTime);
      compareNumber(problems, `${where} onTime.rate`, a.rate, e.rate, exactTolerance);
    });
  }
  return problems;
}

function compareFamily<T>(problems: string[], where: string, actual: T | null | undefined, expected: T | null, compare: (actual: T, expected: T) => void): void {
  if (expected === null) {
    if (actual !== null) problems.push(`${where}: expected null (no data), API answered ${JSON.stringify(actual)}`);
    return;
  }
  if (actual === null || actual === undefined) {
    problems.push(`${where}: expected ${JSON.stringify(expected)}, API answered ${JSON.stringify(actual)}`);
    return;
  }
  compare(actual, expected);
}

/**
 * An asymmetric matcher for hand-written expectations: a number within `tolerance(exact)` of `exact`.
 * Printed as `≈exact ± tolerance` in a failing diff.
 */
export function within(exact: number, tolerance: (exact: number) => number = exactTolerance) {
  const bound = tolerance(exact);
  return {
    $$typeof: Symbol.for('jest.asymmetricMatcher'),
    asymmetricMatch: (actual: unknown) => typeof actual === 'number' && Math.abs(actual - exact) <= bound,
    toString: () => `≈${exact} ± ${bound}`,
    toAsymmetricMatcher: () => `≈${exact} ± ${bound}`,
  };
}

export const transitPercentile = (exact: number) => within(exact, transitPercentileTolerance);
export const customsPercentile = (exact: number) => within(exact, customsPercentileTolerance);
