import { z } from 'zod';
import { toAlpha2 } from '../country';
import { CARRIER_CODE_PATTERN } from '../event-validation';
import { isClockMetric, isRateMetric, isSlaMetric, SLA_METRIC_INFO, SLA_METRICS, SlaMetric, SlaScopeField } from './sla-metric.util';

export const SLA_OPS = ['lte', 'gte'] as const;
export type SlaOp = (typeof SLA_OPS)[number];

// Three levels, most urgent first. A policy that does not say is `major`: worth a message to the
// team, not a page at night; contracts that mean a page say `critical`.
export const SLA_SEVERITIES = ['critical', 'major', 'minor'] as const;
export type SlaSeverity = (typeof SLA_SEVERITIES)[number];
export const DEFAULT_SLA_SEVERITY: SlaSeverity = 'major';

export const SLA_WILDCARD = '*';
export const MAX_SLA_WINDOW_DAYS = 90;
export const DEFAULT_MIN_SAMPLE = 20;
export const MAX_POLICY_NAME_LENGTH = 200;

export interface SlaBurnRate {
  shortWindowDays: number;
  longWindowDays: number;
}

/** A validated policy (sla.md §1); scope fields hold a value, "*" (one evaluation per value seen) or null (aggregate). */
export interface SlaPolicy {
  name: string;
  carrier: string | null;
  corridor: string | null;
  serviceLevel: string | null;
  metric: SlaMetric;
  op: SlaOp;
  threshold: number;
  windowDays: number;
  minSample: number;
  severity: SlaSeverity;
  enabled: boolean;
  /** Multi-window mode: violates only when both windows violate; longWindowDays equals windowDays. */
  burnRate: SlaBurnRate | null;
  /** Rate metrics only: violates only when the whole Wilson 95 % interval is past the threshold. */
  wilsonGuard: boolean;
}

/**
 * A policy's fields in the order the API, its forms, its errors and a contract diff name them (sla.md §1):
 * the one list of them. The schema below must have exactly these keys, and its output must be a SlaPolicy.
 */
export const SLA_POLICY_FIELDS = [
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
  'burnRate',
  'wilsonGuard',
] as const satisfies readonly (keyof SlaPolicy)[];
export type SlaPolicyField = (typeof SLA_POLICY_FIELDS)[number];

/** The example policy of sla.md §1: the API documents it, and the specs start from it. */
export const SLA_POLICY_EXAMPLE = {
  name: 'Correios CN-BR first attempt',
  carrier: 'correios',
  corridor: 'CN-BR',
  serviceLevel: null,
  metric: 'first_attempt_rate',
  op: 'gte',
  threshold: 0.9,
  windowDays: 7,
  minSample: 30,
  severity: 'critical',
  enabled: true,
} as const satisfies Omit<SlaPolicy, 'burnRate' | 'wilsonGuard'>;

export type SlaPolicyParseResult = { ok: true; value: SlaPolicy } | { ok: false; errors: string[] };

// Messages leave the field out: formatIssues puts the field's path in front, so the same schema
// names `threshold` in the API and `policies[2].threshold` in a contract file.
const required = (expected: string) => (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : `must be ${expected}`);

const windowDays = () => {
  const message = `must be an integer from 1 to ${MAX_SLA_WINDOW_DAYS}`;
  return z.number({ error: required('an integer from 1 to 90') }).int(message).min(1, message).max(MAX_SLA_WINDOW_DAYS, message);
};

const flag = (fallback: boolean) => z.boolean({ error: 'must be true or false' }).default(fallback);

// A scope field: absent or null aggregates, "*" fans out, anything else must be a valid value.
const scopeField = (describe: string, normalise: (value: string) => string | null) =>
  z.unknown().optional().transform((input, ctx): string | null => {
    if (input === undefined || input === null) return null;
    if (typeof input === 'string') {
      const value = input.trim();
      if (value === SLA_WILDCARD) return SLA_WILDCARD;
      const normalised = normalise(value);
      if (normalised !== null) return normalised;
    }
    ctx.addIssue({ code: 'custom', message: `must be ${describe}, "*" or null`, input });
    return z.NEVER;
  });

const carrierCode = (value: string) => (CARRIER_CODE_PATTERN.test(value) ? value : null);
const corridorCode = (value: string) => {
  const match = /^([A-Z]{2})-([A-Z]{2})$/.exec(value);
  return match && toAlpha2(match[1]) === match[1] && toAlpha2(match[2]) === match[2] ? value : null;
};
const serviceLevelValue = (value: string) => (value.length >= 1 && value.length <= 200 ? value : null);

const burnRateSchema = z
  .strictObject(
    {
      shortWindowDays: windowDays(),
      longWindowDays: windowDays(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'must be an object {shortWindowDays, longWindowDays} or null') },
  )
  .nullish()
  .transform((value) => value ?? null);

const fieldsSchema = z.strictObject(
  {
    name: z
      .string({ error: required('a string') })
      .trim()
      .min(1, `must be 1-${MAX_POLICY_NAME_LENGTH} characters`)
      .max(MAX_POLICY_NAME_LENGTH, `must be 1-${MAX_POLICY_NAME_LENGTH} characters`),
    carrier: scopeField('a carrier code', carrierCode),
    corridor: scopeField('a corridor such as CN-BR (ISO 3166-1 alpha-2 codes)', corridorCode),
    serviceLevel: scopeField('a service level of 1-200 characters', serviceLevelValue),
    metric: z.enum(SLA_METRICS, { error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${SLA_METRICS.join(', ')}`) }),
    op: z.enum(SLA_OPS, { error: (issue) => (issue.input === undefined ? 'is required' : 'must be lte or gte') }),
    threshold: z.number({ error: required('a number') }),
    windowDays: windowDays(),
    minSample: z
      .number({ error: 'must be an integer of at least 1' })
      .int('must be an integer of at least 1')
      .min(1, 'must be an integer of at least 1')
      .default(DEFAULT_MIN_SAMPLE),
    severity: z.enum(SLA_SEVERITIES, { error: `must be one of ${SLA_SEVERITIES.join(', ')}` }).default(DEFAULT_SLA_SEVERITY),
    enabled: flag(true),
    burnRate: burnRateSchema,
    wilsonGuard: flag(false),
  } satisfies Record<SlaPolicyField, z.ZodType>,
  { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'must be an object') },
);

type RawPolicy = Partial<Record<keyof SlaPolicy, unknown>>;

// Rules between fields. They read the raw input and check only fields that are valid on their own,
// so one bad field never hides another problem, nor adds a consequential one.
function crossFieldRules(raw: RawPolicy, ctx: z.RefinementCtx): void {
  const metric = isSlaMetric(raw.metric) ? raw.metric : null;
  const fail = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message, input: raw });
  if (metric && typeof raw.threshold === 'number' && Number.isFinite(raw.threshold)) {
    if (isRateMetric(metric) && (raw.threshold < 0 || raw.threshold > 1)) fail(['threshold'], `must be from 0 to 1 for ${metric} (a rate)`);
    if (!isRateMetric(metric) && raw.threshold < 0) fail(['threshold'], `must not be negative for ${metric}`);
  }
  if (metric && !isRateMetric(metric)) {
    if (raw.wilsonGuard === true) fail(['wilsonGuard'], `only applies to rate metrics, not to ${metric}`);
    if (raw.burnRate !== undefined && raw.burnRate !== null) fail(['burnRate'], `only applies to rate metrics, not to ${metric}`);
  }
  if (metric) {
    for (const field of ['carrier', 'corridor', 'serviceLevel'] as const satisfies readonly SlaScopeField[]) {
      const { scopeFields } = SLA_METRIC_INFO[metric];
      if (!scopeFields.includes(field) && raw[field] !== undefined && raw[field] !== null) {
        fail([field], `must be null for ${metric}: it is measured per ${scopeFields.join(', ')}`);
      }
    }
  }
  const burnRate = raw.burnRate as Partial<SlaBurnRate> | null | undefined;
  const isWindow = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_SLA_WINDOW_DAYS;
  if (burnRate && typeof burnRate === 'object' && isWindow(burnRate.shortWindowDays) && isWindow(burnRate.longWindowDays)) {
    if (burnRate.shortWindowDays >= burnRate.longWindowDays) fail(['burnRate', 'shortWindowDays'], 'must be less than longWindowDays');
    // The long window is the policy's window, so a breach's evidence window means the same in both modes.
    if (isWindow(raw.windowDays) && burnRate.longWindowDays !== raw.windowDays) fail(['burnRate', 'longWindowDays'], 'must equal windowDays');
  }
  // One code path per metric (sla.md §1): every fan-out must be a grouping the KPI API has.
  if (raw.carrier === SLA_WILDCARD && raw.serviceLevel === SLA_WILDCARD) {
    fail(['serviceLevel'], 'cannot be "*" while carrier is "*": the KPI API groups by carrier,corridor or corridor,serviceLevel, never by carrier and service level together');
  }
}

// `when` runs the rules even when a field failed, so one response names every problem.
export const slaPolicySchema = fieldsSchema.superRefine(
  (value, ctx) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) crossFieldRules(value, ctx);
  },
  { when: () => true },
);

function pathText(path: readonly PropertyKey[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  const inner = pathText(path);
  if (!prefix) return inner || 'policy';
  if (!inner) return prefix;
  return inner.startsWith('[') ? `${prefix}${inner}` : `${prefix}.${inner}`;
}

/** Turns zod issues into sentences led by the full path of the field (`policies[2].threshold must be a number`). */
export function formatSlaIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): string[] {
  const messages = issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${joinPath(prefix, [...issue.path, key])} is not a known field`)
      : [`${joinPath(prefix, issue.path)} ${issue.message}`],
  );
  return [...new Set(messages)];
}

/**
 * Validates a policy body (sla.md §1). `path` prefixes every field in the messages, e.g.
 * `policies[2]` gives `policies[2].threshold must be a number`.
 */
export function parseSlaPolicy(input: unknown, options: { path?: string; inContract?: boolean } = {}): SlaPolicyParseResult {
  const parsed = slaPolicySchema.safeParse(input);
  // A clock metric runs on its contract's clock (contracts.md §1): a policy outside a contract has none.
  const metric = typeof input === 'object' && input !== null ? (input as { metric?: unknown }).metric : undefined;
  const clockError =
    !options.inContract && isSlaMetric(metric) && isClockMetric(metric) ? [`${joinPath(options.path ?? '', ['metric'])} ${metric} is only valid in a contract file (lanewatch sla apply): it runs on the contract's clock`] : [];
  if (!parsed.success) return { ok: false, errors: [...formatSlaIssues(parsed.error.issues, options.path ?? ''), ...clockError] };
  if (clockError.length > 0) return { ok: false, errors: clockError };
  return { ok: true, value: parsed.data };
}
