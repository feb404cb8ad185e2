import type { SlaPolicy } from '../api/sla-types';
import { columnsCsv, type CsvColumn } from '../shared/csv.util';

// The fields a contract file holds, raw: '*' stays '*' (one verdict per value), empty means all.
const POLICY_COLUMNS: readonly CsvColumn<SlaPolicy>[] = [
  { header: 'id', value: (policy) => policy.id },
  { header: 'name', value: (policy) => policy.name },
  { header: 'contract', value: (policy) => policy.contract },
  { header: 'carrier', value: (policy) => policy.carrier },
  { header: 'corridor', value: (policy) => policy.corridor },
  { header: 'service_level', value: (policy) => policy.serviceLevel },
  { header: 'metric', value: (policy) => policy.metric },
  { header: 'op', value: (policy) => policy.op },
  { header: 'threshold', value: (policy) => policy.threshold },
  { header: 'window_days', value: (policy) => policy.windowDays },
  { header: 'min_sample', value: (policy) => policy.minSample },
  { header: 'severity', value: (policy) => policy.severity },
  { header: 'enabled', value: (policy) => String(policy.enabled) },
  { header: 'updated_at', value: (policy) => policy.updatedAt },
  { header: 'state', value: (policy) => policy.status?.state ?? null },
  { header: 'value', value: (policy) => policy.status?.value ?? null },
  { header: 'sample', value: (policy) => policy.status?.sample ?? null },
  { header: 'last_evaluated_at', value: (policy) => policy.status?.lastEvaluatedAt ?? null },
];

export function policiesCsv(policies: readonly SlaPolicy[]): string {
  return columnsCsv(POLICY_COLUMNS, policies);
}
