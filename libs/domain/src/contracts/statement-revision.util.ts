import type { Statement, StatementInputs } from './statement.types';

// An issued statement is frozen with a fingerprint of its inputs (contracts.md §3): the same inputs
// give the same canonical text, whatever order the database returned them in.

/** JSON with object keys sorted at every level: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const byText = <T>(items: readonly T[]) => [...items].map((item) => canonicalJson(item)).sort();

/**
 * The text a statement's fingerprint hashes: its inputs in a fixed order, without asOf (a statement of
 * a finished month is the same statement whenever it is read; the period's end is in it instead).
 */
export function statementFingerprintText(inputs: StatementInputs, statement: Statement): string {
  return canonicalJson({
    carrier: inputs.carrier,
    month: inputs.month,
    periodTo: statement.period.to,
    contract: inputs.contract,
    terms: inputs.terms,
    legs: byText(inputs.legs),
    breaches: byText(inputs.breaches),
    enteredInvoice: inputs.enteredInvoice,
    acceptedDisputes: byText(inputs.acceptedDisputes),
  });
}

export interface StatementTermDifference {
  term: string;
  corridor: string | null;
  serviceLevel: string | null;
  issued: { value: number | null; sample: number; verdict: string; amount: string | null } | null;
  draft: { value: number | null; sample: number; verdict: string; amount: string | null } | null;
}

export interface StatementDifference {
  totals: { issuedAfterCap: string; draftAfterCap: string; issuedBeforeCap: string; draftBeforeCap: string };
  invoice: { issued: string | null; draft: string | null };
  terms: StatementTermDifference[];
  parcelsAdded: string[];
  parcelsRemoved: string[];
}

const termKey = (term: { term: string; corridor: string | null; serviceLevel: string | null }) => JSON.stringify([term.term, term.corridor, term.serviceLevel]);
const summary = (term: Statement['terms'][number]) => ({ value: term.value, sample: term.sample, verdict: term.verdict, amount: term.consequence?.amount ?? null });
const trackingNumbers = (statement: Statement) => new Set(statement.terms.flatMap((term) => term.parcels.map((parcel) => parcel.trackingNumber)));

/** What a draft revision changes against the issued statement: changed terms only, parcels that came or went. */
export function statementDifference(issued: Statement, draft: Statement): StatementDifference {
  const issuedTerms = new Map(issued.terms.map((term) => [termKey(term), term]));
  const draftTerms = new Map(draft.terms.map((term) => [termKey(term), term]));
  const keys = [...new Set([...issuedTerms.keys(), ...draftTerms.keys()])];
  const terms: StatementTermDifference[] = [];
  for (const key of keys) {
    const before = issuedTerms.get(key);
    const after = draftTerms.get(key);
    const left = before ? summary(before) : null;
    const right = after ? summary(after) : null;
    if (canonicalJson(left) === canonicalJson(right)) continue;
    const [term, corridor, serviceLevel] = JSON.parse(key) as [string, string | null, string | null];
    terms.push({ term, corridor, serviceLevel, issued: left, draft: right });
  }
  const issuedParcels = trackingNumbers(issued);
  const draftParcels = trackingNumbers(draft);
  return {
    totals: { issuedAfterCap: issued.totals.afterCap, draftAfterCap: draft.totals.afterCap, issuedBeforeCap: issued.totals.beforeCap, draftBeforeCap: draft.totals.beforeCap },
    invoice: { issued: issued.invoice.amount, draft: draft.invoice.amount },
    terms,
    parcelsAdded: [...draftParcels].filter((parcel) => !issuedParcels.has(parcel)).sort(),
    parcelsRemoved: [...issuedParcels].filter((parcel) => !draftParcels.has(parcel)).sort(),
  };
}
