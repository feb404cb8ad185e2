import { asArray, asRecord, type Fields, isRecord, oneOf, optionalNumber, optionalText, requiredNumber, text } from './parse.util';

// The policy list's status and the editor's preview (issue 15 point 8), as the dashboard reads them.

export const POLICY_STATES = ['ok', 'breaching', 'no_data', 'not_evaluated', 'disabled'] as const;
export type PolicyStateName = (typeof POLICY_STATES)[number];

export type ScopeRef = { carrier: string | null; corridor: string | null; serviceLevel: string | null };

export type PolicyStatus = {
  state: PolicyStateName;
  value: number | null;
  sample: number | null;
  worst: ScopeRef | null;
  scopes: number | null;
  breachingScopes: number | null;
  lastEvaluatedAt: string | null;
  nextEvaluationAt: string | null;
};

const scopeRef = (value: unknown, path: string): ScopeRef | null => {
  if (!isRecord(value)) return null;
  return { carrier: optionalText(value, 'carrier', path), corridor: optionalText(value, 'corridor', path), serviceLevel: optionalText(value, 'serviceLevel', path) };
};

export function parsePolicyStatus(value: unknown, path: string): PolicyStatus | null {
  if (!isRecord(value)) return null;
  return {
    state: oneOf(value, 'state', POLICY_STATES, path),
    value: optionalNumber(value, 'value', path),
    sample: optionalNumber(value, 'sample', path),
    worst: scopeRef(value.worst, `${path}.worst`),
    scopes: optionalNumber(value, 'scopes', path),
    breachingScopes: optionalNumber(value, 'breachingScopes', path),
    lastEvaluatedAt: optionalText(value, 'lastEvaluatedAt', path),
    nextEvaluationAt: optionalText(value, 'nextEvaluationAt', path),
  };
}

export type PreviewInstance = ScopeRef & { value: number | null; sample: number; verdict: 'complies' | 'violates' | 'insufficient_data' };

export type PolicyPreview = {
  asOf: string;
  windowFrom: string;
  windowTo: string;
  state: 'ok' | 'breaching' | 'no_data';
  value: number | null;
  sample: number;
  worst: ScopeRef | null;
  scopes: number;
  breachingScopes: number;
  instances: PreviewInstance[];
};

const VERDICTS = ['complies', 'violates', 'insufficient_data'] as const;

export function parsePolicyPreview(body: unknown): PolicyPreview {
  const record = asRecord(body, 'preview');
  return {
    asOf: text(record, 'asOf', 'preview'),
    windowFrom: text(record, 'windowFrom', 'preview'),
    windowTo: text(record, 'windowTo', 'preview'),
    state: oneOf(record, 'state', ['ok', 'breaching', 'no_data'] as const, 'preview'),
    value: optionalNumber(record, 'value', 'preview'),
    sample: requiredNumber(record, 'sample', 'preview'),
    worst: scopeRef(record.worst, 'preview.worst'),
    scopes: requiredNumber(record, 'scopes', 'preview'),
    breachingScopes: requiredNumber(record, 'breachingScopes', 'preview'),
    instances: asArray(record.instances, 'preview.instances').map((item, index) => {
      const path = `preview.instances[${index}]`;
      const instance: Fields = asRecord(item, path);
      return {
        ...(scopeRef(instance, path) as ScopeRef),
        value: optionalNumber(instance, 'value', path),
        sample: requiredNumber(instance, 'sample', path),
        verdict: oneOf(instance, 'verdict', VERDICTS, path),
      };
    }),
  };
}

export type ChannelDelivery = {
  id: string;
  kind: 'breach' | 'test';
  transition: string;
  breachId: string | null;
  status: string;
  attempts: number;
  error: string | null;
  createdAt: string;
  deliveredAt: string | null;
};

export function parseChannelDeliveries(body: unknown): ChannelDelivery[] {
  return asArray(body, 'deliveries').map((item, index) => {
    const path = `deliveries[${index}]`;
    const record = asRecord(item, path);
    return {
      id: text(record, 'id', path),
      kind: oneOf(record, 'kind', ['breach', 'test'] as const, path),
      transition: text(record, 'transition', path),
      breachId: optionalText(record, 'breachId', path),
      status: text(record, 'status', path),
      attempts: requiredNumber(record, 'attempts', path),
      error: optionalText(record, 'error', path),
      createdAt: text(record, 'createdAt', path),
      deliveredAt: optionalText(record, 'deliveredAt', path),
    };
  });
}
