import { SLA_POLICY_FIELDS } from '@lanewatch/domain';
import { SLA_METRICS, type SlaPolicy } from '../api/sla-types';
import { errorInWords, formatThresholdInput, metricScopes, parseThreshold } from './policy-words.util';

// The fields the form edits: the domain's policy fields but the modes it does not offer yet (passed back unchanged).
type FormField = Exclude<(typeof SLA_POLICY_FIELDS)[number], 'burnRate' | 'wilsonGuard'>;
export const POLICY_FIELDS: readonly FormField[] = SLA_POLICY_FIELDS.filter((field): field is FormField => field !== 'burnRate' && field !== 'wilsonGuard');
export type PolicyField = FormField;

// What the form holds: text as typed; the threshold as said ("95%"), converted when it is sent.
export type PolicyDraft = Record<Exclude<PolicyField, 'enabled'>, string> & { enabled: boolean };

export function draftFromPolicy(policy: SlaPolicy | null): PolicyDraft {
  if (policy === null) {
    return {
      name: '',
      carrier: '',
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
    threshold: formatThresholdInput(policy.threshold, policy.metric),
    windowDays: String(policy.windowDays),
    minSample: String(policy.minSample),
    severity: policy.severity,
    enabled: policy.enabled,
  };
}

// "" leaves the field out (the API applies its default or says it is required); a whole number in
// range is sent as one; anything else is a sentence in words next to the field, and nothing is sent.
function wholeNumber(value: string, range: { min: number; max?: number }, sentence: string, errors: FieldErrors['fields'], key: PolicyField): number | undefined {
  const trimmed = value.trim().replace(/\s*(d|days?)$/i, '');
  if (trimmed === '') return undefined;
  const parsed = Number(trimmed);
  if (!Number.isInteger(parsed) || parsed < range.min || (range.max !== undefined && parsed > range.max)) {
    errors[key] = [sentence];
    return undefined;
  }
  return parsed;
}

const scope = (value: string) => (value.trim() === '' ? null : value.trim());

export type DraftCheck = { body: Record<string, unknown>; errors: FieldErrors };

// A PUT replaces every field: modes the form does not show (burn rate, Wilson guard) are sent back as they were.
// A scope the metric cannot be narrowed by (a feed metric's lane) is sent as null, as its picker shows.
export function bodyFromDraft(draft: PolicyDraft, original: SlaPolicy | null): DraftCheck {
  const fields: FieldErrors['fields'] = {};
  const threshold = parseThreshold(draft.threshold, draft.metric);
  if ('error' in threshold) fields.threshold = [threshold.error];
  if (draft.name.trim() === '') fields.name = ['Give the policy a name, such as “La Poste FR-FR first attempt”.'];
  const scopes = metricScopes(draft.metric);
  const body: Record<string, unknown> = {
    name: draft.name,
    carrier: scopes.includes('carrier') ? scope(draft.carrier) : null,
    corridor: scopes.includes('corridor') ? scope(draft.corridor) : null,
    serviceLevel: scopes.includes('serviceLevel') ? scope(draft.serviceLevel) : null,
    metric: draft.metric,
    op: draft.op,
    threshold: 'value' in threshold ? threshold.value : undefined,
    windowDays: wholeNumber(draft.windowDays, { min: 1, max: 90 }, 'Enter a whole number of days from 1 to 90.', fields, 'windowDays'),
    minSample: wholeNumber(draft.minSample, { min: 1 }, 'Enter a whole number of parcels, at least 1.', fields, 'minSample'),
    severity: draft.severity,
    enabled: draft.enabled,
  };
  if (original !== null) {
    body.burnRate = original.burnRate;
    body.wilsonGuard = original.wilsonGuard;
  }
  return { body: Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)), errors: { fields, other: [] } };
}

export type FieldErrors = { fields: Partial<Record<PolicyField, string[]>>; other: string[] };

// The API's sentences lead with the field's path (`threshold must be …`, `burnRate.shortWindowDays …`);
// each goes next to its field in words (without the key), the rest above the form.
export function errorsByField(errors: readonly string[]): FieldErrors {
  const result: FieldErrors = { fields: {}, other: [] };
  for (const error of errors) {
    const field = /^([A-Za-z]+)\b/.exec(error)?.[1];
    if (field !== undefined && (POLICY_FIELDS as readonly string[]).includes(field)) {
      const key = field as PolicyField;
      result.fields[key] = [...(result.fields[key] ?? []), errorInWords(error)];
    } else {
      result.other.push(error);
    }
  }
  return result;
}

export function describePolicyScope(policy: Pick<SlaPolicy, 'carrier' | 'corridor' | 'serviceLevel'>): string {
  const show = (value: string | null, noun: string) => (value === null ? `all ${noun}s` : value === '*' ? `each ${noun}` : value);
  return [show(policy.carrier, 'carrier'), show(policy.corridor, 'lane'), show(policy.serviceLevel, 'service level')].join(' · ');
}
