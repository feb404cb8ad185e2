import { DateTime } from 'luxon';
import { parseDocument } from 'yaml';
import { CONTRACT_CLOCK_FIELDS, ContractClock, parseContractClock } from '../contracts/contract-clock.schema';
import { Consequence, ContractMoneyTerms, MONEY_FIELDS, parseConsequence, parseContractMoneyTerms } from '../contracts/consequence.schema';
import { CARRIER_CODE_PATTERN } from '../event-validation';
import { SLA_METRIC_INFO } from './sla-metric.util';
import { parseSlaPolicy, SlaPolicy } from './sla-policy.schema';

/** A policy loaded from a contract: keyed by (contract, name), versioned by the contract's effective date. */
export interface SlaContractPolicy extends SlaPolicy {
  contract: string;
  effectiveFrom: string;
  /** What missing this term costs (contracts.md §2); null when it costs nothing. */
  consequence?: Consequence | null;
}

export interface SlaContract {
  contract: string;
  carrier: string;
  /** ISO date (YYYY-MM-DD) from which this version of the contract applies. */
  effectiveFrom: string;
  policies: SlaContractPolicy[];
  /** calendar, timeZone, clock and allowances (contracts.md §1), parsed by contracts/contract-clock.schema. */
  clock: ContractClock;
  /** currency, invoice rate and monthly cap; null when the contract states no money terms and no consequence. */
  money?: ContractMoneyTerms | null;
}

export type SlaContractParseResult = { ok: true; value: SlaContract } | { ok: false; errors: string[] };

export const MAX_CONTRACT_POLICIES = 500;
const TOP_LEVEL_FIELDS: string[] = ['contract', 'carrier', 'effectiveFrom', 'policies', ...MONEY_FIELDS];

/**
 * A contract file (`lanewatch sla apply contracts/correios.yaml`), one per carrier contract:
 *
 *   contract: correios-2026          # 1-200 characters; with a policy name, the key of each policy
 *   carrier: correios                # every policy is scoped to this carrier
 *   effectiveFrom: 2026-01-01        # ISO date of this version
 *   x-defaults: &defaults            # top-level `x-` keys are ignored: a place for YAML anchors
 *     windowDays: 7
 *     minSample: 30
 *   policies:
 *     - <<: *defaults
 *       name: CN-BR first attempt
 *       corridor: CN-BR
 *       metric: first_attempt_rate
 *       op: gte
 *       threshold: 0.9
 *       consequence: { kind: per_parcel, amount: "2.00", perExtraDay: "0.50", maxPerParcel: "10.00" }
 *   currency: EUR                    # needed once a policy has a consequence (contracts/consequence.schema.ts)
 *   invoice: { ratePerParcel: "1.20" }   # optional: derives the invoiced amount when none is entered
 *   monthlyCap: { amount: "5000.00" }    # optional, or { share: 0.1 } of the invoiced amount
 *
 * Each policy is a policy body (sla.md §1) without `carrier`, or with the contract's own carrier;
 * corridor and service level may be values, "*" or null as usual.
 */
export function parseSlaContract(yamlText: string): SlaContractParseResult {
  const document = parseDocument(yamlText, { merge: true, prettyErrors: true });
  if (document.errors.length > 0) return { ok: false, errors: document.errors.map((error) => `YAML ${firstLine(error.message)}`) };
  const root: unknown = document.toJS({ maxAliasCount: 1000 });
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    return { ok: false, errors: ['the contract must be a YAML mapping with contract, carrier, effectiveFrom and policies'] };
  }
  const record = root as Record<string, unknown>;
  const errors: string[] = [];
  for (const key of Object.keys(record)) {
    if (!TOP_LEVEL_FIELDS.includes(key) && !CONTRACT_CLOCK_FIELDS.includes(key) && !key.startsWith('x-')) errors.push(`${key} is not a known field (use an x- prefix for anchors)`);
  }

  const contract = text(record.contract);
  if (contract === null || contract.length > 200) errors.push(record.contract === undefined ? 'contract is required' : 'contract must be a name of 1-200 characters');
  const carrier = text(record.carrier);
  if (carrier === null || !CARRIER_CODE_PATTERN.test(carrier)) errors.push(record.carrier === undefined ? 'carrier is required' : 'carrier must be a carrier code');
  const effectiveFrom = text(record.effectiveFrom);
  if (effectiveFrom === null || !isIsoDate(effectiveFrom)) {
    errors.push(record.effectiveFrom === undefined ? 'effectiveFrom is required' : 'effectiveFrom must be an ISO date such as 2026-01-01');
  }

  const policies: SlaContractPolicy[] = [];
  let withConsequence = false;
  const rawPolicies = record.policies;
  if (!Array.isArray(rawPolicies)) {
    errors.push(rawPolicies === undefined ? 'policies is required' : 'policies must be a list of policies');
  } else if (rawPolicies.length > MAX_CONTRACT_POLICIES) {
    errors.push(`policies must have at most ${MAX_CONTRACT_POLICIES} entries`);
  } else {
    const firstIndexOfName = new Map<string, number>();
    rawPolicies.forEach((rawPolicy: unknown, index) => {
      const path = `policies[${index}]`;
      const policyCarrier = isRecord(rawPolicy) ? rawPolicy.carrier : undefined;
      if (policyCarrier !== undefined && (typeof policyCarrier !== 'string' || policyCarrier.trim() !== carrier)) {
        errors.push(`${path}.carrier must be the contract's carrier${carrier ? ` '${carrier}'` : ''}, or left out`);
      }
      // The consequence is the contract's business, not the policy's: parsed on its own (consequence.schema.ts).
      const { consequence: rawConsequence, ...policyFields } = isRecord(rawPolicy) ? rawPolicy : { consequence: undefined };
      const consequence = rawConsequence === undefined || rawConsequence === null ? null : parseConsequence(rawConsequence, `${path}.consequence`);
      if (consequence && !consequence.ok) errors.push(...consequence.errors);
      if (consequence?.ok) withConsequence = true;
      const input = isRecord(rawPolicy) ? { ...policyFields, carrier: carrier ?? undefined } : rawPolicy;
      const parsed = parseSlaPolicy(input, { path, inContract: true });
      if (!parsed.ok) {
        // A bad contract carrier is reported once above, not again for every policy.
        errors.push(...parsed.errors.filter((error) => !error.startsWith(`${path}.carrier `)));
        return;
      }
      // A statement settles parcels (contracts.md §2); a feed-health metric has none behind it.
      if (consequence?.ok && SLA_METRIC_INFO[parsed.value.metric]?.dataQuality) {
        errors.push(`${path}.consequence applies to parcel metrics only: ${parsed.value.metric} measures the feed`);
      }
      const earlier = firstIndexOfName.get(parsed.value.name);
      if (earlier !== undefined) errors.push(`${path}.name '${parsed.value.name}' is already used by policies[${earlier}]`);
      else firstIndexOfName.set(parsed.value.name, index);
      if (contract !== null && effectiveFrom !== null) {
        policies.push({ ...parsed.value, contract, effectiveFrom, ...(consequence?.ok ? { consequence: consequence.value } : {}) });
      }
    });
  }
  // Money terms are required once anything costs money: a consequence needs its currency.
  let money: ContractMoneyTerms | null = null;
  if (withConsequence || MONEY_FIELDS.some((field) => record[field] !== undefined)) {
    const parsedMoney = parseContractMoneyTerms(record);
    if (parsedMoney.ok) money = parsedMoney.value;
    else errors.push(...parsedMoney.errors);
  }
  const clock = parseContractClock(record);
  if (!clock.ok) errors.push(...clock.errors);
  if (errors.length > 0 || !clock.ok || contract === null || carrier === null || effectiveFrom === null) return { ok: false, errors };
  return { ok: true, value: { contract, carrier, effectiveFrom, policies, clock: clock.value, ...(money ? { money } : {}) } };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
}

function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

// yaml's pretty errors add a code excerpt after the first line; the position is in the first line.
const firstLine = (message: string) => message.split('\n')[0];
