import { Decimal } from 'decimal.js';

// What missing a contract term costs (contracts.md §2). Amounts are kept as decimal strings and
// computed with decimal.js: a float never holds money.

export interface PerParcelConsequence {
  kind: 'per_parcel';
  amount: string;
  perExtraDay: string;
  /** null: no ceiling per parcel. */
  maxPerParcel: string | null;
}

/**
 * A tier holds the values v with `from ≤ v < to` (half-open): a value exactly at a boundary belongs to
 * the tier that starts there, never to the one that ends there. `to: null` has no upper bound, so a
 * perfect rate of 1 needs a last tier without `to` (or with `to` above 1).
 */
export interface ConsequenceTier {
  from: string;
  to: string | null;
  /** Share of the month's invoiced amount credited back, 0-1. */
  credit: string;
}

export interface TieredConsequence {
  kind: 'tiered';
  tiers: ConsequenceTier[];
}

export interface PerBreachDayConsequence {
  kind: 'per_breach_day';
  amount: string;
}

export type Consequence = PerParcelConsequence | TieredConsequence | PerBreachDayConsequence;
export const CONSEQUENCE_KINDS = ['per_parcel', 'tiered', 'per_breach_day'] as const;

export type MonthlyCap = { amount: string } | { share: string };

/** The money fields of a contract: `currency`, `invoice`, `monthlyCap`. */
export interface ContractMoneyTerms {
  /** ISO 4217 code, e.g. EUR. */
  currency: string;
  /** Rate per parcel the invoiced amount is derived from when none is entered; null when the contract has none. */
  ratePerParcel: string | null;
  monthlyCap: MonthlyCap | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const DECIMAL_TEXT = /^\d{1,15}(\.\d{1,10})?$/;

/**
 * A non-negative decimal as a canonical string. YAML numbers are accepted and converted exactly: a
 * double's shortest round-trip text is the literal that was written, as long as it has at most 15
 * significant digits (longer literals are refused rather than silently rounded; quote them).
 */
export function decimalText(value: unknown, path: string, errors: string[], options: { max?: string } = {}): string | null {
  let text: string | null = null;
  if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim())) text = value.trim();
  else if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    const decimal = new Decimal(value);
    if (decimal.precision(true) <= 15 && DECIMAL_TEXT.test(decimal.toFixed())) text = decimal.toFixed();
  }
  if (text === null) {
    errors.push(`${path} ${value === undefined ? 'is required' : 'must be a non-negative decimal such as "2.50" (at most 15 digits before and 10 after the point)'}`);
    return null;
  }
  // Kept as written ("2.00" stays "2.00"): the statement's arithmetic quotes the contract.
  if (options.max !== undefined && new Decimal(text).gt(options.max)) {
    errors.push(`${path} must be at most ${options.max}`);
    return null;
  }
  return text;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function unknownFields(record: Record<string, unknown>, known: readonly string[], path: string, errors: string[]): void {
  for (const key of Object.keys(record)) if (!known.includes(key)) errors.push(`${path}.${key} is not a known field`);
}

/** A policy's `consequence:` (contracts.md §2); `path` leads every message (`policies[2].consequence`). */
export function parseConsequence(raw: unknown, path: string): Parsed<Consequence> {
  const errors: string[] = [];
  if (!isRecord(raw)) return { ok: false, errors: [`${path} must be a mapping with a kind (${CONSEQUENCE_KINDS.join(', ')})`] };
  const kind = raw.kind;
  if (kind === 'per_parcel') {
    unknownFields(raw, ['kind', 'amount', 'perExtraDay', 'maxPerParcel'], path, errors);
    const amount = decimalText(raw.amount, `${path}.amount`, errors);
    const perExtraDay = raw.perExtraDay === undefined ? '0' : decimalText(raw.perExtraDay, `${path}.perExtraDay`, errors);
    const maxPerParcel = raw.maxPerParcel === undefined || raw.maxPerParcel === null ? null : decimalText(raw.maxPerParcel, `${path}.maxPerParcel`, errors);
    if (amount !== null && maxPerParcel !== null && new Decimal(maxPerParcel).lt(amount)) errors.push(`${path}.maxPerParcel must be at least amount`);
    if (errors.length > 0 || amount === null || perExtraDay === null) return { ok: false, errors };
    return { ok: true, value: { kind, amount, perExtraDay, maxPerParcel } };
  }
  if (kind === 'tiered') {
    unknownFields(raw, ['kind', 'tiers'], path, errors);
    if (!Array.isArray(raw.tiers) || raw.tiers.length === 0 || raw.tiers.length > 50) {
      return { ok: false, errors: [...errors, `${path}.tiers must be a list of 1-50 tiers {from, to, credit}`] };
    }
    const tiers: ConsequenceTier[] = [];
    raw.tiers.forEach((rawTier: unknown, index) => {
      const tierPath = `${path}.tiers[${index}]`;
      if (!isRecord(rawTier)) {
        errors.push(`${tierPath} must be a mapping {from, to, credit}`);
        return;
      }
      unknownFields(rawTier, ['from', 'to', 'credit'], tierPath, errors);
      const from = decimalText(rawTier.from, `${tierPath}.from`, errors);
      const to = rawTier.to === undefined || rawTier.to === null ? null : decimalText(rawTier.to, `${tierPath}.to`, errors);
      const credit = decimalText(rawTier.credit, `${tierPath}.credit`, errors, { max: '1' });
      if (from !== null && to !== null && !new Decimal(to).gt(from)) errors.push(`${tierPath}.to must be greater than from`);
      if (from !== null && credit !== null) tiers.push({ from, to, credit });
    });
    if (errors.length === 0) {
      // Tiers never overlap, so a value selects at most one: sorted by `from`, each ends where or before the next starts.
      const sorted = [...tiers].sort((a, b) => new Decimal(a.from).cmp(b.from));
      for (let index = 1; index < sorted.length; index += 1) {
        const previous = sorted[index - 1];
        if (previous.to === null || new Decimal(previous.to).gt(sorted[index].from)) {
          errors.push(`${path}.tiers overlap: [${previous.from}, ${previous.to ?? '∞'}) and [${sorted[index].from}, ${sorted[index].to ?? '∞'})`);
        }
      }
      if (errors.length === 0) return { ok: true, value: { kind, tiers: sorted } };
    }
    return { ok: false, errors };
  }
  if (kind === 'per_breach_day') {
    unknownFields(raw, ['kind', 'amount'], path, errors);
    const amount = decimalText(raw.amount, `${path}.amount`, errors);
    if (errors.length > 0 || amount === null) return { ok: false, errors };
    return { ok: true, value: { kind, amount } };
  }
  return { ok: false, errors: [`${path}.kind ${kind === undefined ? 'is required' : `must be one of ${CONSEQUENCE_KINDS.join(', ')}`}`] };
}

// ISO 4217 codes in use (a closed list keeps typos such as EUD out of a contract).
const CURRENCIES = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE ' +
    'CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS ' +
    'KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR ' +
    'PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SYP SZL THB TJS TMT TND TOP TRY TTD TWD ' +
    'TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL'
  ).split(' '),
);
const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMAL = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** Decimal places of the currency's minor unit: amounts on a statement are rounded (half up) to these. */
export function currencyDecimals(currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return 0;
  return THREE_DECIMAL.has(currency) ? 3 : 2;
}

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && CURRENCIES.has(value);
}

export const MONEY_FIELDS = ['currency', 'invoice', 'monthlyCap'] as const;

/** The contract's `currency`, `invoice: {ratePerParcel}` and `monthlyCap: {amount} | {share}`. */
export function parseContractMoneyTerms(record: Record<string, unknown>): Parsed<ContractMoneyTerms> {
  const errors: string[] = [];
  const currency = record.currency;
  if (!isCurrencyCode(currency)) errors.push(currency === undefined ? 'currency is required (an ISO 4217 code such as EUR)' : 'currency must be an ISO 4217 code such as EUR');
  let ratePerParcel: string | null = null;
  if (record.invoice !== undefined && record.invoice !== null) {
    if (!isRecord(record.invoice)) errors.push('invoice must be a mapping {ratePerParcel}');
    else {
      unknownFields(record.invoice, ['ratePerParcel'], 'invoice', errors);
      ratePerParcel = decimalText(record.invoice.ratePerParcel, 'invoice.ratePerParcel', errors);
    }
  }
  let monthlyCap: MonthlyCap | null = null;
  const cap = record.monthlyCap;
  if (cap !== undefined && cap !== null) {
    const hasAmount = isRecord(cap) && cap.amount !== undefined;
    const hasShare = isRecord(cap) && cap.share !== undefined;
    if (!isRecord(cap) || hasAmount === hasShare) errors.push('monthlyCap must be a mapping with exactly one of amount ("5000.00") or share (0.1 of the invoice)');
    else {
      unknownFields(cap, ['amount', 'share'], 'monthlyCap', errors);
      if (hasAmount) {
        const amount = decimalText(cap.amount, 'monthlyCap.amount', errors);
        if (amount !== null) monthlyCap = { amount };
      } else {
        const share = decimalText(cap.share, 'monthlyCap.share', errors, { max: '1' });
        if (share !== null) monthlyCap = { share };
      }
    }
  }
  if (errors.length > 0 || !isCurrencyCode(currency)) return { ok: false, errors };
  return { ok: true, value: { currency, ratePerParcel, monthlyCap } };
}
