import { disputesOf, DisputeRow, issuedStatement, SqlRunner } from '@lanewatch/db';
import { Statement, StatementDifference, statementDifference, StatementInputs } from '@lanewatch/domain';
import { computeStatement } from './compute-statement';

// A month's statement as people see it (contracts.md §3): the issued revision when there is one, with a
// draft revision beside it when later inputs changed the month, and the month's disputes.

export interface StatementDisputeView {
  id: string;
  shipmentId: string;
  trackingNumber: string;
  reason: string;
  status: 'open' | 'accepted' | 'rejected';
  openedAt: string;
  openedBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
}

export interface StatementView {
  carrier: string;
  month: string;
  /** draft: never issued; issued: the issued revision is current; revised: inputs changed since it was issued. */
  status: 'draft' | 'issued' | 'revised';
  /** The issued revision's number, null while never issued. */
  revision: number | null;
  issuedAt: string | null;
  issuedBy: string | null;
  /** The fingerprint of the issued revision, or of the draft's inputs when never issued. */
  fingerprint: string;
  /** The issued statement, or the computed one while never issued. */
  statement: Statement;
  /** When inputs changed after the issue: the statement they give now and what differs. */
  draft: { revision: number; fingerprint: string; statement: Statement; difference: StatementDifference } | null;
  disputes: StatementDisputeView[];
}

export type StatementViewResult =
  | { kind: 'view'; carrierId: number; view: StatementView; inputs: StatementInputs; computed: Statement; computedFingerprint: string }
  | { kind: 'unknown_carrier' }
  | { kind: 'no_contract'; carrierId: number };

export function disputeView(row: DisputeRow): StatementDisputeView {
  return {
    id: row.id,
    shipmentId: row.shipment_id,
    trackingNumber: row.tracking_number,
    reason: row.reason,
    status: row.status,
    openedAt: new Date(row.opened_at).toISOString(),
    openedBy: row.opened_by,
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at).toISOString(),
    decidedBy: row.decided_by,
    note: row.decision_note,
  };
}

/** The statement of a carrier and month as of `asOf` with its status and disputes (reads only). */
export async function readStatement(runner: SqlRunner, carrierCode: string, month: string, asOf: Date): Promise<StatementViewResult> {
  const computed = await computeStatement(runner, carrierCode, month, asOf);
  if (computed.kind !== 'statement') return computed;
  const issued = await issuedStatement(runner, computed.carrierId, month);
  const disputes = (await disputesOf(runner, computed.carrierId, month)).map(disputeView);
  const base = { kind: 'view' as const, carrierId: computed.carrierId, inputs: computed.inputs, computed: computed.statement, computedFingerprint: computed.fingerprint };
  if (issued === null) {
    const view: StatementView = { carrier: carrierCode, month, status: 'draft', revision: null, issuedAt: null, issuedBy: null, fingerprint: computed.fingerprint, statement: computed.statement, draft: null, disputes };
    return { ...base, view };
  }
  const issuedDocument = issued.document as unknown as Statement;
  const changed = issued.fingerprint !== computed.fingerprint;
  const view: StatementView = {
    carrier: carrierCode,
    month,
    status: changed ? 'revised' : 'issued',
    revision: issued.revision,
    issuedAt: new Date(issued.issued_at).toISOString(),
    issuedBy: issued.issued_by,
    fingerprint: issued.fingerprint,
    statement: issuedDocument,
    draft: changed
      ? { revision: issued.revision + 1, fingerprint: computed.fingerprint, statement: computed.statement, difference: statementDifference(issuedDocument, computed.statement) }
      : null,
    disputes,
  };
  return { ...base, view };
}
