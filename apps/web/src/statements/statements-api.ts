import { type RequestOptions, sendJson } from '../api/api-client';
import { asArray, asRecord, text } from '../api/parse.util';

// A month's statement as GET /carriers/{code}/statements/{month} serves it (contracts.md §3).
export type StatementParcel = { legId: string; shipmentId: string; trackingNumber: string; value: number; miss: boolean; amount?: string; arithmetic?: string };
export type StatementTerm = {
  term: string;
  metric: string;
  op: string;
  threshold: number;
  value: number | null;
  sample: number;
  verdict: string;
  consequence: { kind: string; amount: string; arithmetic: string[]; note: string | null } | null;
  parcels: StatementParcel[];
  excludedParcels: (StatementParcel & { disputeId: string })[];
};
export type Statement = {
  currency: string | null;
  period: { from: string; to: string; complete: boolean };
  invoice: { amount: string | null; arithmetic: string };
  terms: StatementTerm[];
  totals: { beforeCap: string; cap: string | null; afterCap: string; arithmetic: string[] };
};
export type Dispute = { id: string; trackingNumber: string; reason: string; status: 'open' | 'accepted' | 'rejected'; openedBy: string; decidedBy: string | null; note: string | null };
export type StatementView = { carrier: string; month: string; status: string; revision: number | null; statement: Statement; disputes: Dispute[] };
export type AuditEntry = { id: string; at: string; actor: string; action: string; reason: string | null; details: Record<string, unknown> | null };

const base = (carrier: string, month: string) => `/carriers/${encodeURIComponent(carrier)}/statements/${encodeURIComponent(month)}`;

/** Checks the outline the page relies on; the figures inside are shown as they come. */
export function parseStatementView(body: unknown): StatementView {
  const record = asRecord(body, 'statement');
  text(record, 'status', 'statement');
  const statement = asRecord(record.statement, 'statement.statement');
  asArray(statement.terms, 'statement.statement.terms');
  asArray(record.disputes, 'statement.disputes');
  return record as unknown as StatementView;
}

export function fetchStatement({ carrier, month, ...options }: RequestOptions & { carrier: string; month: string }): Promise<StatementView> {
  return sendJson({ ...options, method: 'GET', path: base(carrier, month), parse: parseStatementView });
}

export function fetchStatementAudit({ carrier, month, ...options }: RequestOptions & { carrier: string; month: string }): Promise<AuditEntry[]> {
  return sendJson({ ...options, method: 'GET', path: `${base(carrier, month)}/audit`, parse: (body) => asArray(body, 'audit') as AuditEntry[] });
}

export function openDispute({ carrier, month, parcel, reason, ...options }: RequestOptions & { carrier: string; month: string; parcel: string; reason: string }): Promise<Dispute> {
  return sendJson({ ...options, method: 'POST', path: `${base(carrier, month)}/disputes`, body: { parcel, reason }, parse: (body) => body as Dispute, acceptedStatuses: [200, 201] });
}

export function decideDispute({ id, decision, note, ...options }: RequestOptions & { id: string; decision: 'accept' | 'reject'; note: string }): Promise<Dispute> {
  return sendJson({ ...options, method: 'POST', path: `/disputes/${encodeURIComponent(id)}/decision`, body: { decision, note }, parse: (body) => body as Dispute, acceptedStatuses: [200] });
}
