import type { AuditLogEntity } from '../entities/audit-log.entity';
import type { DisputeEntity } from '../entities/dispute.entity';
import type { BreachEntity } from '../entities/breach.entity';
import type { EventEntity } from '../entities/event.entity';
import type { InvoiceEntity } from '../entities/invoice.entity';
import type { LegFactEntity } from '../entities/leg-fact.entity';
import type { SlaContractEntity } from '../entities/sla-contract.entity';
import type { SlaPolicyEntity } from '../entities/sla-policy.entity';
import type { StatementRevisionEntity } from '../entities/statement-revision.entity';
import type { StatementEntity } from '../entities/statement.entity';
import type { ColumnsOf, TableRow } from '../table-row';
import { LOCK_KEYS, rows, SqlRunner } from './sql-runner';

// Reads and writes of contracts.md §2-3: statements, their revisions, disputes, the audit log and
// entered invoices. Queries only; the rules live in libs/domain/src/contracts.

export type ContractVersionRow = ColumnsOf<SlaContractEntity, 'contract' | 'effective_from' | 'document'>;

/** The carrier's contract versions that started on or before `lastDay` (YYYY-MM-DD), latest first. */
export async function contractVersionsOf(runner: SqlRunner, carrier: string, lastDay: string): Promise<ContractVersionRow[]> {
  return rows<ContractVersionRow>(
    runner,
    `SELECT contract, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, document FROM sla_contracts
     WHERE carrier = $1 AND effective_from <= $2::date ORDER BY effective_from DESC, contract`,
    [carrier, lastDay],
  );
}

export type AppliedContractRow = ContractVersionRow & ColumnsOf<SlaContractEntity, 'applied_at'>;

/** Every applied version of the carrier's contracts, latest effective date first. */
export async function appliedContractsOf(runner: SqlRunner, carrier: string): Promise<AppliedContractRow[]> {
  return rows<AppliedContractRow>(
    runner,
    `SELECT contract, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, document, applied_at FROM sla_contracts
     WHERE carrier = $1 ORDER BY effective_from DESC, contract`,
    [carrier],
  );
}

export type StatementLegRow = ColumnsOf<
  LegFactEntity,
  | 'leg_id'
  | 'shipment_id'
  | 'corridor'
  | 'service_level'
  | 'leg_start_at'
  | 'leg_end_at'
  | 'leg_transit_days'
  | 'customs_start_at'
  | 'customs_released_at'
  | 'customs_hold_hours'
  | 'first_attempt_at'
  | 'first_attempt_delivered'
  | 'credited_delivered_at'
  | 'on_time'
> & {
  tracking_number: string;
};

/** The carrier's linked legs with any closing instant (kpis.md §3) in [from, to). */
export async function statementLegs(runner: SqlRunner, carrierId: number, from: Date, to: Date): Promise<StatementLegRow[]> {
  return rows<StatementLegRow>(
    runner,
    `SELECT f.leg_id::text AS leg_id, f.shipment_id, l.tracking_number, f.corridor, f.service_level, f.leg_start_at, f.leg_end_at,
            f.leg_transit_days, f.customs_start_at, f.customs_released_at, f.customs_hold_hours, f.first_attempt_at,
            f.first_attempt_delivered, f.credited_delivered_at, f.on_time
     FROM leg_facts f JOIN legs l ON l.id = f.leg_id
     WHERE f.carrier_id = $1 AND (
       (f.leg_end_at >= $2 AND f.leg_end_at < $3) OR (f.customs_released_at >= $2 AND f.customs_released_at < $3)
       OR (f.first_attempt_at >= $2 AND f.first_attempt_at < $3) OR (f.credited_delivered_at >= $2 AND f.credited_delivered_at < $3))
     ORDER BY f.leg_id`,
    [carrierId, from, to],
  );
}

export type StatementLegEventRow = ColumnsOf<EventEntity, 'leg_id' | 'occurred_at' | 'reason'> & {
  milestone: string;
};

/** The mapped events of the given legs (what their contract clock reads). */
export async function statementLegEvents(runner: SqlRunner, legIds: string[]): Promise<StatementLegEventRow[]> {
  if (legIds.length === 0) return [];
  return rows<StatementLegEventRow>(
    runner,
    `SELECT leg_id::text AS leg_id, milestone, occurred_at, reason FROM events
     WHERE leg_id = ANY($1::bigint[]) AND milestone IS NOT NULL ORDER BY leg_id, occurred_at, id`,
    [legIds],
  );
}

/** A breach of one of the contract's policies, the policy's name as the contract term. */
export type StatementBreachRow = ColumnsOf<BreachEntity, 'corridor' | 'service_level' | 'opened_at' | 'resolved_at'> & {
  term: TableRow<SlaPolicyEntity>['name'];
};

/** Breaches of the contract's policies active at some instant of [from, to). */
export async function contractBreaches(runner: SqlRunner, contract: string, from: Date, to: Date): Promise<StatementBreachRow[]> {
  return rows<StatementBreachRow>(
    runner,
    `SELECT p.name AS term, b.corridor, b.service_level, b.opened_at, b.resolved_at
     FROM breaches b JOIN sla_policies p ON p.id = b.policy_id
     WHERE p.contract = $1 AND b.opened_at < $3 AND (b.resolved_at IS NULL OR b.resolved_at > $2)
     ORDER BY b.opened_at, b.id`,
    [contract, from, to],
  );
}

export async function enteredInvoice(runner: SqlRunner, carrierId: number, month: string): Promise<string | null> {
  const found = await rows<ColumnsOf<InvoiceEntity, 'amount'>>(runner, 'SELECT amount::text AS amount FROM invoices WHERE carrier_id = $1 AND month = $2', [carrierId, month]);
  return found[0]?.amount ?? null;
}

export async function upsertInvoice(
  runner: SqlRunner,
  invoice: Pick<InvoiceEntity, 'carrierId' | 'month' | 'amount' | 'currency' | 'enteredBy' | 'enteredAt'> & { source: 'api' | 'csv' },
): Promise<void> {
  await runner.query(
    `INSERT INTO invoices (carrier_id, month, amount, currency, source, entered_at, entered_by) VALUES ($1, $2, $3::numeric, $4, $5, $6, $7)
     ON CONFLICT (carrier_id, month) DO UPDATE SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, source = EXCLUDED.source,
       entered_at = EXCLUDED.entered_at, entered_by = EXCLUDED.entered_by`,
    [invoice.carrierId, invoice.month, invoice.amount, invoice.currency, invoice.source, invoice.enteredAt, invoice.enteredBy],
  );
}

export type DisputeRow = ColumnsOf<
  DisputeEntity,
  | 'id'
  | 'carrier_id'
  | 'month'
  | 'shipment_id'
  | 'tracking_number'
  | 'reason'
  | 'opened_at'
  | 'opened_by'
  | 'decided_at'
  | 'decided_by'
  | 'decision_note'
> & {
  status: 'open' | 'accepted' | 'rejected';
};

const DISPUTE_COLUMNS = 'id, carrier_id, month, shipment_id, tracking_number, reason, status, opened_at, opened_by, decided_at, decided_by, decision_note';

export async function disputesOf(runner: SqlRunner, carrierId: number, month: string): Promise<DisputeRow[]> {
  return rows<DisputeRow>(runner, `SELECT ${DISPUTE_COLUMNS} FROM disputes WHERE carrier_id = $1 AND month = $2 ORDER BY opened_at, id`, [carrierId, month]);
}

export async function findDispute(runner: SqlRunner, id: string, options: { forUpdate?: boolean } = {}): Promise<DisputeRow | null> {
  const found = await rows<DisputeRow>(runner, `SELECT ${DISPUTE_COLUMNS} FROM disputes WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return found[0] ?? null;
}

/** Null when the parcel already has an open or accepted dispute that month. */
export async function insertDispute(
  runner: SqlRunner,
  dispute: { carrierId: number; month: string; shipmentId: string; trackingNumber: string; reason: string; openedBy: string; openedAt: Date },
): Promise<DisputeRow | null> {
  const found = await rows<DisputeRow>(
    runner,
    `INSERT INTO disputes (carrier_id, month, shipment_id, tracking_number, reason, status, opened_at, opened_by)
     VALUES ($1, $2, $3, $4, $5, 'open', $6, $7) ON CONFLICT (carrier_id, month, shipment_id) WHERE status IN ('open', 'accepted') DO NOTHING
     RETURNING ${DISPUTE_COLUMNS}`,
    [dispute.carrierId, dispute.month, dispute.shipmentId, dispute.trackingNumber, dispute.reason, dispute.openedAt, dispute.openedBy],
  );
  return found[0] ?? null;
}

export async function decideDispute(runner: SqlRunner, decision: { id: string; status: 'accepted' | 'rejected'; note: string; by: string; at: Date }): Promise<DisputeRow | null> {
  const found = await rows<DisputeRow>(
    runner,
    `UPDATE disputes SET status = $2, decision_note = $3, decided_by = $4, decided_at = $5 WHERE id = $1 AND status = 'open' RETURNING ${DISPUTE_COLUMNS}`,
    [decision.id, decision.status, decision.note, decision.by, decision.at],
  );
  return found[0] ?? null;
}

export type AuditRow = ColumnsOf<AuditLogEntity, 'id' | 'at' | 'actor' | 'action' | 'month' | 'subject_id' | 'reason' | 'details'> & {
  carrier: string | null;
};

export async function insertAudit(
  runner: SqlRunner,
  entry: { at: Date; actor: string; action: string; carrierId: number | null; month: string | null; subjectId: string | null; reason: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await runner.query(
    'INSERT INTO audit_log (at, actor, action, carrier_id, month, subject_id, reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)',
    [entry.at, entry.actor, entry.action, entry.carrierId, entry.month, entry.subjectId, entry.reason, JSON.stringify(entry.details ?? {})],
  );
}

/** The audit log, newest first, optionally of one carrier (and month). */
export async function auditEntries(runner: SqlRunner, filter: { carrierId?: number; month?: string; limit: number }): Promise<AuditRow[]> {
  const parameters: unknown[] = [];
  const where: string[] = [];
  if (filter.carrierId !== undefined) where.push(`a.carrier_id = $${parameters.push(filter.carrierId)}`);
  if (filter.month !== undefined) where.push(`a.month = $${parameters.push(filter.month)}`);
  return rows<AuditRow>(
    runner,
    `SELECT a.id::text AS id, a.at, a.actor, a.action, c.code AS carrier, a.month, a.subject_id, a.reason, a.details
     FROM audit_log a LEFT JOIN carriers c ON c.id = a.carrier_id ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY a.at DESC, a.id DESC LIMIT ${Math.trunc(filter.limit)}`,
    parameters,
  );
}

export type IssuedStatementRow = ColumnsOf<StatementEntity, 'id' | 'revision' | 'fingerprint' | 'document' | 'issued_at' | 'issued_by'>;

export async function issuedStatement(runner: SqlRunner, carrierId: number, month: string, options: { forUpdate?: boolean } = {}): Promise<IssuedStatementRow | null> {
  const found = await rows<IssuedStatementRow>(
    runner,
    `SELECT id, revision, fingerprint, document, issued_at, issued_by FROM statements WHERE carrier_id = $1 AND month = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [carrierId, month],
  );
  return found[0] ?? null;
}

/** One issuer at a time per carrier (the unique key is the final guard). */
export async function lockStatementIssue(runner: SqlRunner, carrierId: number): Promise<void> {
  await runner.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_KEYS.statementIssue, carrierId]);
}

/** The month's first issue (revision 1); null when someone else issued it at the same moment. */
export async function insertIssuedStatement(
  runner: SqlRunner,
  input: { carrierId: number; month: string; fingerprint: string; document: string; issuedAt: Date; issuedBy: string },
): Promise<string | null> {
  const [inserted] = await rows<ColumnsOf<StatementEntity, 'id'>>(
    runner,
    `INSERT INTO statements (carrier_id, month, revision, fingerprint, document, issued_at, issued_by) VALUES ($1, $2, 1, $3, $4::jsonb, $5, $6)
           ON CONFLICT (carrier_id, month) DO NOTHING RETURNING id`,
    [input.carrierId, input.month, input.fingerprint, input.document, input.issuedAt, input.issuedBy],
  );
  return inserted?.id ?? null;
}

export async function reissueStatement(
  runner: SqlRunner,
  input: { id: string; revision: number; fingerprint: string; document: string; issuedAt: Date; issuedBy: string },
): Promise<void> {
  await runner.query('UPDATE statements SET revision = $2, fingerprint = $3, document = $4::jsonb, issued_at = $5, issued_by = $6 WHERE id = $1', [
    input.id, input.revision, input.fingerprint, input.document, input.issuedAt, input.issuedBy,
  ]);
}

/** Keeps one revision of a statement (issued or draft) once per fingerprint; document and difference are JSON text. */
export async function insertStatementRevision(
  runner: SqlRunner,
  input: { statementId: string; revision: number; kind: 'issued' | 'draft'; fingerprint: string; document: string; difference: string | null; createdAt: Date; createdBy: string | null },
): Promise<void> {
  await runner.query(
    `INSERT INTO statement_revisions (statement_id, revision, kind, fingerprint, document, difference, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8) ON CONFLICT (statement_id, kind, fingerprint) DO NOTHING`,
    [input.statementId, input.revision, input.kind, input.fingerprint, input.document, input.difference, input.createdAt, input.createdBy],
  );
}

export type StatementRevisionRow = ColumnsOf<StatementRevisionEntity, 'revision' | 'kind' | 'fingerprint' | 'created_at' | 'created_by'> & {
  difference: unknown;
};

/** Every revision of a carrier's month statement, issued and draft, oldest first. */
export async function statementRevisions(runner: SqlRunner, carrier: string, month: string): Promise<StatementRevisionRow[]> {
  return rows<StatementRevisionRow>(
    runner,
    `SELECT r.revision, r.kind, r.fingerprint, r.difference, r.created_at, r.created_by FROM statement_revisions r
       JOIN statements s ON s.id = r.statement_id JOIN carriers c ON c.id = s.carrier_id
       WHERE c.code = $1 AND s.month = $2 ORDER BY r.created_at, r.revision, r.kind`,
    [carrier, month],
  );
}
