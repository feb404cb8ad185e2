import { SLA_METRICS, type SlaPolicy } from '../api/sla-types';

export const POLICY_FIELDS = [
  'name',
  'carrier',
  'corridor',
  'serviceLevel',
  'metric',
  'op',
  'threshold',
  'windowDays',
  'minSample',
  'severity',
  'enabled',
] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

// What the form holds: text as typed, so the API (not the browser) judges it and names the field.
export type PolicyDraft = Record<Exclude<PolicyField, 'enabled'>, string> & { enabled: boolean };

export function draftFromPolicy(policy: SlaPolicy | null): PolicyDraft {
  if (policy === null) {
    return {
      name: '',
      carrier: '*',
      corridor: '',
      serviceLevel: '',
      metric: SLA_METRICS[7],
      op: 'gte',
      threshold: '',
      windowDays: '7',
      minSample: '20',
      severity: 'major',
      enabled: true,
    };
  }
  return {
    name: policy.name,
    carrier: policy.carrier ?? '',
    corridor: policy.corridor ?? '',
    serviceLevel: policy.serviceLevel ?? '',
    metric: policy.metric,
    op: policy.op,
    threshold: String(policy.threshold),
    windowDays: String(policy.windowDays),
    minSample: String(policy.minSample),
    severity: policy.severity,
    enabled: policy.enabled,
  };
}

// "" leaves the field out (the API says "is required" or applies its default); a number is sent as
// one; anything else is sent as typed, and the API answers "must be a number" for that field.
function numberField(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') {
    return undefined;
  }
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : trimmed;
}

const scope = (value: string) => (value.trim() === '' ? null : value.trim());

// A PUT replaces every field: modes the form does not show (burn rate, Wilson guard) are sent back as they were.
export function bodyFromDraft(draft: PolicyDraft, original: SlaPolicy | null): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: draft.name,
    carrier: scope(draft.carrier),
    corridor: scope(draft.corridor),
    serviceLevel: scope(draft.serviceLevel),
    metric: draft.metric,
    op: draft.op,
    threshold: numberField(draft.threshold),
    windowDays: numberField(draft.windowDays),
    minSample: numberField(draft.minSample),
    severity: draft.severity,
    enabled: draft.enabled,
  };
  if (original !== null) {
    body.burnRate = original.burnRate;
    body.wilsonGuard = original.wilsonGuard;
  }
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

export type FieldErrors = { fields: Partial<Record<PolicyField, string[]>>; other: string[] };

// The API's sentences lead with the field's path (`threshold must be …`, `burnRate.shortWindowDays …`);
// each goes next to its field, the rest above the form.
export function errorsByField(errors: readonly string[]): FieldErrors {
  const result: FieldErrors = { fields: {}, other: [] };
  for (const error of errors) {
    const field = /^([A-Za-z]+)\b/.exec(error)?.[1];
    if (field !== undefined && (POLICY_FIELDS as readonly string[]).includes(field)) {
      const key = field as PolicyField;
      result.fields[key] = [...(result.fields[key] ?? []), error];
    } else {
      result.other.push(error);
    }
  }
  return result;
}

export function describePolicyScope(policy: Pick<SlaPolicy, 'carrier' | 'corridor' | 'serviceLevel'>): string {
  const show = (value: string | null, noun: string) => (value === null ? `all ${noun}s` : value === '*' ? `each ${noun}` : value);
  return [show(policy.carrier, 'carrier'), show(policy.corridor, 'corridor'), show(policy.serviceLevel, 'service level')].join(' · ');
}
