import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DASHBOARD_PATH = join(__dirname, '..', '..', 'docker', 'grafana', 'lanewatch-dashboard.json');

export interface DashboardTarget {
  panel: string;
  expr: string;
  datasource: unknown;
}

interface Panel {
  title?: string;
  targets?: { expr?: string; datasource?: unknown }[];
  panels?: Panel[];
}

/** Every query of every panel (rows' nested panels included), with the panel's title. */
export function dashboardTargets(dashboard: { panels?: Panel[] }): DashboardTarget[] {
  const walk = (panels: Panel[] = []): DashboardTarget[] =>
    panels.flatMap((panel) => [
      ...(panel.targets ?? []).map((target) => ({ panel: panel.title ?? '(untitled)', expr: target.expr ?? '', datasource: target.datasource })),
      ...walk(panel.panels),
    ]);
  return walk(dashboard.panels);
}

export function loadDashboard(): { panels?: Panel[]; [key: string]: unknown } {
  return JSON.parse(readFileSync(DASHBOARD_PATH, 'utf8')) as { panels?: Panel[] };
}

/**
 * The metric names a PromQL expression reads. Every Lanewatch series is prefixed lanewatch_, so any
 * identifier with that prefix outside a string or a label matcher's value is a metric name; label
 * names and functions (rate, histogram_quantile, sum by (carrier)) never carry it.
 */
export function metricNamesIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  return [...new Set(withoutStrings.match(/\blanewatch_[a-zA-Z0-9_:]*/g) ?? [])].sort();
}
