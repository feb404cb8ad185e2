import { parseInstantWithOffset } from './timestamps';
import { QUARTER_HOUR_MS } from './kpi-contributions';

export const KPI_GROUP_BYS = ['carrier', 'corridor', 'serviceLevel', 'carrier,corridor', 'corridor,serviceLevel'] as const;
export type KpiGroupBy = (typeof KPI_GROUP_BYS)[number];
export const MAX_KPI_WINDOW_DAYS = 400;

export interface KpiQueryParams {
  from: string;
  to: string;
  fromMs: number;
  toMs: number;
  groupBy: ('carrier' | 'corridor' | 'serviceLevel')[];
  carrier?: string;
  corridor?: string;
  serviceLevel?: string;
}

export type KpiQueryResult = { ok: true; value: KpiQueryParams } | { ok: false; errors: string[] };

/** GET /kpis parameters (kpis.md §3). Bounds fall on a quarter hour: rollups are kept per 15 minutes at the edges. */
export function parseKpiQuery(query: Record<string, unknown>): KpiQueryResult {
  const errors: string[] = [];
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : undefined);
  const instant = (name: 'from' | 'to') => {
    const value = text(name);
    if (!value) {
      errors.push(`${name} is required (ISO 8601 with a UTC offset)`);
      return null;
    }
    const parsed = parseInstantWithOffset(name, value);
    if (!parsed.ok) {
      errors.push(parsed.error);
      return null;
    }
    if (parsed.value.epochMs % QUARTER_HOUR_MS !== 0) errors.push(`${name} must fall on a quarter hour (e.g. 2026-11-01T00:00:00-03:00)`);
    return parsed.value.epochMs;
  };
  const fromMs = instant('from');
  const toMs = instant('to');
  if (fromMs !== null && toMs !== null) {
    if (fromMs >= toMs) errors.push('from must be before to');
    else if (toMs - fromMs > MAX_KPI_WINDOW_DAYS * 86_400_000) errors.push(`the window must be at most ${MAX_KPI_WINDOW_DAYS} days`);
  }
  const groupBy = text('groupBy');
  if (groupBy !== undefined && !(KPI_GROUP_BYS as readonly string[]).includes(groupBy)) {
    errors.push(`groupBy must be one of ${KPI_GROUP_BYS.join(', ')}`);
  }
  const corridor = text('corridor');
  if (corridor !== undefined && !/^[A-Z]{2}-[A-Z]{2}$/.test(corridor)) errors.push('corridor must look like CN-BR (ISO 3166-1 alpha-2 codes)');
  const carrier = text('carrier');
  if (carrier !== undefined && !/^[a-z0-9][a-z0-9_-]{1,39}$/.test(carrier)) errors.push('carrier must be a carrier code');
  const serviceLevel = text('serviceLevel');
  if (serviceLevel !== undefined && (serviceLevel.length === 0 || serviceLevel.length > 200)) errors.push('serviceLevel must be 1-200 characters');
  if (errors.length > 0 || fromMs === null || toMs === null) return { ok: false, errors };
  return {
    ok: true,
    value: {
      from: text('from') as string,
      to: text('to') as string,
      fromMs,
      toMs,
      groupBy: groupBy ? (groupBy.split(',') as KpiQueryParams['groupBy']) : [],
      ...(carrier ? { carrier } : {}),
      ...(corridor ? { corridor } : {}),
      ...(serviceLevel ? { serviceLevel } : {}),
    },
  };
}
