import { type AlertBreach, BREACH_STATUSES, type SlaBurnRate, type SlaPolicy as DomainSlaPolicy, SLA_OPS, SLA_SEVERITIES } from '@lanewatch/domain';
import {
  asArray,
  asRecord,
  type Fields,
  isRecord,
  oneOf,
  optionalBoolean,
  optionalNumber,
  optionalText,
  requiredNumber,
  text,
} from './parse.util';
import { type PolicyStatus, parsePolicyStatus } from './policy-state-types';

// sla.md §1 and §3 as the dashboard reads them: the enums are the domain's.
export { BREACH_STATUSES, SLA_METRICS, SLA_OPS, SLA_SEVERITIES } from '@lanewatch/domain';
export type { BreachStatus, SlaBurnRate, SlaOp, SlaSeverity } from '@lanewatch/domain';

export type EvidenceParcel = {
  carrier: string;
  trackingNumber: string;
  value: number | null;
  at: string | null;
  reason: string;
  // The carrier's own reason on a failed attempt (RECIPIENT_ABSENT…), when it sent one.
  failureReason: string | null;
};

// matching: how many parcels of the window matched in all (the parcels are the worst ten); null from older breaches.
export type BreachEvidence = { evaluatedAt: string | null; successes: number | null; matching: number | null; parcels: EvidenceParcel[] };

export type EvidenceExport = { total: number; truncated: boolean; parcels: EvidenceParcel[] };

export type BreachHistoryPoint = { at: string; value: number | null; sample: number; verdict: string };

// The domain's breach as the API shows it (sla.md §3), with what the dashboard reads besides.
export type Breach = Omit<AlertBreach, 'metric'> & {
  // The carrier's display name; null when the scope has no carrier or the carrier is unknown.
  carrierName: string | null;
  // Kept as a string: a metric added to the API later still lists, with its raw name.
  metric: string;
  // Since when the metric has been on the wrong side of the target (from the evaluations).
  wrongSideSince: string;
  acknowledgedNote: string | null;
  evidence: BreachEvidence;
};

export type BreachTransition = { transition: string; at: string; reminder: number | null; detail: Fields | null };

export type BreachDetail = Breach & { transitions: BreachTransition[]; history: BreachHistoryPoint[] };

function parseParcels(value: unknown, path: string): EvidenceParcel[] {
  const parcels = value === undefined ? [] : asArray(value, path);
  return parcels.map((item, index) => {
    const at = `${path}[${index}]`;
    const parcel = asRecord(item, at);
    return {
      carrier: text(parcel, 'carrier', at),
      trackingNumber: text(parcel, 'trackingNumber', at),
      value: optionalNumber(parcel, 'value', at),
      at: optionalText(parcel, 'at', at),
      reason: optionalText(parcel, 'reason', at) ?? '',
      failureReason: optionalText(parcel, 'failureReason', at),
    };
  });
}

function parseEvidence(value: unknown, path: string): BreachEvidence {
  if (!isRecord(value)) {
    return { evaluatedAt: null, successes: null, matching: null, parcels: [] };
  }
  return {
    evaluatedAt: optionalText(value, 'evaluatedAt', path),
    successes: optionalNumber(value, 'successes', path),
    matching: optionalNumber(value, 'matching', path),
    parcels: parseParcels(value.parcels, `${path}.parcels`),
  };
}

export function parseEvidenceExport(body: unknown): EvidenceExport {
  const record = asRecord(body, 'evidence');
  return {
    total: requiredNumber(record, 'total', 'evidence'),
    truncated: optionalBoolean(record, 'truncated', 'evidence') ?? false,
    parcels: parseParcels(record.parcels, 'evidence.parcels'),
  };
}

export function parseBreach(value: unknown, path = 'breach'): Breach {
  const record = asRecord(value, path);
  return {
    id: text(record, 'id', path),
    policyId: text(record, 'policyId', path),
    policyName: optionalText(record, 'policyName', path) ?? '',
    severity: oneOf(record, 'severity', SLA_SEVERITIES, path),
    carrier: optionalText(record, 'carrier', path),
    carrierName: optionalText(record, 'carrierName', path),
    corridor: optionalText(record, 'corridor', path),
    serviceLevel: optionalText(record, 'serviceLevel', path),
    metric: text(record, 'metric', path),
    op: oneOf(record, 'op', SLA_OPS, path),
    threshold: requiredNumber(record, 'threshold', path),
    value: requiredNumber(record, 'value', path),
    worstValue: optionalNumber(record, 'worstValue', path) ?? requiredNumber(record, 'value', path),
    sample: requiredNumber(record, 'sample', path),
    windowFrom: text(record, 'windowFrom', path),
    windowTo: text(record, 'windowTo', path),
    status: oneOf(record, 'status', BREACH_STATUSES, path),
    openedAt: text(record, 'openedAt', path),
    wrongSideSince: optionalText(record, 'wrongSideSince', path) ?? text(record, 'openedAt', path),
    lastEvaluatedAt: text(record, 'lastEvaluatedAt', path),
    acknowledgedAt: optionalText(record, 'acknowledgedAt', path),
    acknowledgedBy: optionalText(record, 'acknowledgedBy', path),
    acknowledgedNote: optionalText(record, 'acknowledgedNote', path),
    resolvedAt: optionalText(record, 'resolvedAt', path),
    evidence: parseEvidence(record.evidence, `${path}.evidence`),
  };
}

export function parseBreaches(body: unknown): Breach[] {
  return asArray(body, 'breaches').map((item, index) => parseBreach(item, `breaches[${index}]`));
}

export function parseBreachDetail(body: unknown): BreachDetail {
  const breach = parseBreach(body);
  const record = asRecord(body, 'breach');
  const transitions = record.transitions === undefined ? [] : asArray(record.transitions, 'breach.transitions');
  const history = record.history === undefined ? [] : asArray(record.history, 'breach.history');
  return {
    ...breach,
    history: history.map((item, index) => {
      const at = `breach.history[${index}]`;
      const point = asRecord(item, at);
      return { at: text(point, 'at', at), value: optionalNumber(point, 'value', at), sample: requiredNumber(point, 'sample', at), verdict: text(point, 'verdict', at) };
    }),
    transitions: transitions.map((item, index) => {
      const at = `breach.transitions[${index}]`;
      const transition = asRecord(item, at);
      return {
        transition: text(transition, 'transition', at),
        at: text(transition, 'at', at),
        reminder: optionalNumber(transition, 'reminder', at),
        detail: isRecord(transition.detail) ? transition.detail : null,
      };
    }),
  };
}

// The domain's policy as the API lists it: with its id, contract and state; the metric kept as a string,
// so a metric added to the API later still lists, with its raw name.
export type SlaPolicy = Omit<DomainSlaPolicy, 'metric'> & {
  id: string;
  contract: string | null;
  metric: string;
  updatedAt: string | null;
  // In the list only: the last evaluation's state, value, sample and the next evaluation.
  status: PolicyStatus | null;
};

// A burn rate as the API stores it (sla.md §1), anything else as none.
function parseBurnRate(value: unknown): SlaBurnRate | null {
  if (!isRecord(value) || typeof value.shortWindowDays !== 'number' || typeof value.longWindowDays !== 'number') {
    return null;
  }
  return { shortWindowDays: value.shortWindowDays, longWindowDays: value.longWindowDays };
}

export function parsePolicy(value: unknown, path = 'policy'): SlaPolicy {
  const record = asRecord(value, path);
  return {
    id: text(record, 'id', path),
    name: text(record, 'name', path),
    contract: optionalText(record, 'contract', path),
    carrier: optionalText(record, 'carrier', path),
    corridor: optionalText(record, 'corridor', path),
    serviceLevel: optionalText(record, 'serviceLevel', path),
    metric: text(record, 'metric', path),
    op: oneOf(record, 'op', SLA_OPS, path),
    threshold: requiredNumber(record, 'threshold', path),
    windowDays: requiredNumber(record, 'windowDays', path),
    minSample: requiredNumber(record, 'minSample', path),
    severity: oneOf(record, 'severity', SLA_SEVERITIES, path),
    enabled: optionalBoolean(record, 'enabled', path) ?? true,
    burnRate: parseBurnRate(record.burnRate),
    wilsonGuard: optionalBoolean(record, 'wilsonGuard', path) ?? false,
    updatedAt: optionalText(record, 'updatedAt', path),
    status: parsePolicyStatus(record.status, `${path}.status`),
  };
}

export function parsePolicies(body: unknown): SlaPolicy[] {
  return asArray(body, 'policies').map((item, index) => parsePolicy(item, `policies[${index}]`));
}
