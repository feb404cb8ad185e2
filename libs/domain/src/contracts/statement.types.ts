import type { Consequence, ContractMoneyTerms } from './consequence.schema';

// A carrier's monthly statement (contracts.md §2-3): inputs gathered by the service, the statement
// computed from them by computeStatementFromInputs (pure). Instants are ISO strings in UTC.

/** One leg of the carrier with the facts a term may read (kpis.md §2) and its contract clock. */
export interface StatementLegInput {
  legId: string;
  shipmentId: string;
  trackingNumber: string;
  corridor: string | null;
  serviceLevel: string | null;
  legEndAt: string | null;
  legTransitDays: number | null;
  customsReleasedAt: string | null;
  customsHoldHours: number | null;
  firstAttemptAt: string | null;
  firstAttemptDelivered: boolean | null;
  creditedDeliveredAt: string | null;
  onTime: boolean | null;
  /** The leg's clockDays under the contract (contracts.md §1); null when it has no end or no clock. */
  clockDays: number | null;
  /** The contract's allowance for the leg's lane, in days; null when the contract has none for it. */
  allowanceDays: number | null;
}

export interface StatementTermInput {
  /** The policy's name in the contract: with the contract, the term's identity. */
  name: string;
  corridor: string | null;
  serviceLevel: string | null;
  metric: string;
  op: 'lte' | 'gte';
  threshold: number;
  minSample: number;
  consequence: Consequence | null;
}

/** An active period of a breach of one term (from the breach tables), resolvedAt null while active. */
export interface StatementBreachInput {
  term: string;
  corridor: string | null;
  serviceLevel: string | null;
  openedAt: string;
  resolvedAt: string | null;
}

export interface StatementInputs {
  carrier: string;
  /** YYYY-MM, a calendar month in the contract's time zone. */
  month: string;
  asOf: string;
  contract: { name: string; effectiveFrom: string; timeZone: string; money: ContractMoneyTerms | null };
  terms: StatementTermInput[];
  legs: StatementLegInput[];
  breaches: StatementBreachInput[];
  /** The invoiced amount entered for the carrier and month (API or CSV); null when none was. */
  enteredInvoice: string | null;
  /** Accepted disputes: their parcels (shipments) leave the statement's consequences. */
  acceptedDisputes: { id: string; shipmentId: string }[];
}

export type StatementVerdict = 'complies' | 'violates' | 'insufficient_data' | 'not_settled';

export interface StatementParcel {
  legId: string;
  shipmentId: string;
  trackingNumber: string;
  /** The dashboard's journey page of the parcel. */
  journey: string;
  /** The instant that counted the parcel in the month (kpis.md §3 for the term's metric family). */
  countedAt: string;
  /** The parcel's value for the metric (days, hours, or 1/0 for a rate's success). */
  value: number;
  /** The parcel pulls the term the wrong way (over the allowance, late, failed first attempt...). */
  miss: boolean;
  /** per_parcel only: the parcel's charge and how it was reached. */
  amount?: string;
  arithmetic?: string;
}

export interface StatementConsequence {
  kind: Consequence['kind'];
  /** Rounded to the currency's minor unit; "0" when nothing is owed. */
  amount: string;
  /** The computation spelled out, one line per step. */
  arithmetic: string[];
  /** Why nothing is owed when that is not the plain result (min sample, no invoice...). */
  note: string | null;
}

export interface StatementTerm {
  term: string;
  corridor: string | null;
  serviceLevel: string | null;
  metric: string;
  op: 'lte' | 'gte';
  threshold: number;
  minSample: number;
  value: number | null;
  sample: number;
  verdict: StatementVerdict;
  consequence: StatementConsequence | null;
  parcels: StatementParcel[];
  /** Parcels an accepted dispute took out of this term, shown and never deleted. */
  excludedParcels: (StatementParcel & { disputeId: string })[];
  /** per_breach_day: the local days on which a breach of the term was active. */
  breachDays: string[];
}

export interface Statement {
  carrier: string;
  month: string;
  asOf: string;
  currency: string | null;
  contract: { name: string; effectiveFrom: string; timeZone: string };
  /** [from, to) of the month in the contract's time zone, as UTC instants; `to` is cut at asOf. */
  period: { from: string; to: string; complete: boolean };
  invoice: { amount: string | null; source: 'entered' | 'derived' | 'none'; arithmetic: string };
  terms: StatementTerm[];
  totals: { beforeCap: string; cap: string | null; afterCap: string; arithmetic: string[] };
}
