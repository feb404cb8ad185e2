import {
  auditEntries,
  AuditRow,
  findCarrierByCode,
  insertAudit,
  insertIssuedStatement,
  insertStatementRevision,
  issuedStatement,
  lockStatementIssue,
  reissueStatement,
  statementRevisions,
} from '@lanewatch/db';
import { Statement, statementDifference } from '@lanewatch/domain';
import { readStatement, StatementViewResult } from '@lanewatch/sla';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { assertOwnCarrier, type Principal } from '../auth';
import { actorOf, bodyObject, CLOCK, Clock, DATA_SOURCE } from '../infrastructure';
import { asOfOf, requiredText, statementMonth } from './statement-request.util';

const AUDIT_LIMIT = 500;

export function auditView(row: AuditRow) {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    action: row.action,
    carrier: row.carrier,
    month: row.month,
    subjectId: row.subject_id,
    reason: row.reason,
    details: row.details,
  };
}

/** The view, or the 404 that says why there is none. */
export function viewOrNotFound(result: StatementViewResult, code: string, month: string) {
  if (result.kind === 'unknown_carrier') throw new NotFoundException(`carrier '${code}' is not registered`);
  if (result.kind === 'no_contract') throw new NotFoundException(`carrier '${code}' has no contract in force in ${month}: apply one with lanewatch sla apply`);
  return result;
}

@Injectable()
export class StatementsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** contracts.md §3: the month's statement; a draft revision is kept once inputs change after the issue. */
  async get(principal: Principal, code: string, monthText: string, query: Record<string, unknown>) {
    const month = statementMonth(monthText);
    assertOwnCarrier(principal, code);
    const asOf = asOfOf(query, this.clock.now());
    const result = viewOrNotFound(await readStatement(this.dataSource, code, month, asOf), code, month);
    const { view } = result;
    if (view.draft !== null && asOf.getTime() >= Date.parse(view.statement.asOf)) {
      // Every distinct later state of the month is kept once, never written over the issued revision.
      const issued = await issuedStatement(this.dataSource, result.carrierId, month);
      if (issued) {
        await insertStatementRevision(this.dataSource, {
          statementId: issued.id, revision: view.draft.revision, kind: 'draft', fingerprint: view.draft.fingerprint,
          document: JSON.stringify(view.draft.statement), difference: JSON.stringify(view.draft.difference), createdAt: this.clock.now(), createdBy: null,
        });
      }
    }
    return view;
  }

  /**
   * Freezes the month's statement with the fingerprint of its inputs: the first issue is revision 1; issuing
   * again after inputs changed issues the draft as the next revision. Only a month that is over is issued.
   */
  async issue(principal: Principal, code: string, monthText: string, body: unknown) {
    const month = statementMonth(monthText);
    // The note is optional: why this revision is issued (it goes to the audit log).
    const fields = body === undefined || body === null || body === '' ? {} : bodyObject(body);
    const note = fields.note === undefined || fields.note === null || fields.note === '' ? null : requiredText(fields, 'note', 'a text', 'invalid issue');
    const now = this.clock.now();
    const by = await actorOf(this.dataSource, principal);
    await this.dataSource.transaction(async (manager) => {
      const result = viewOrNotFound(await readStatement(manager, code, month, now), code, month);
      if (!result.computed.period.complete) {
        throw new ConflictException(`${month} is not over in ${result.computed.contract.timeZone}: a statement is issued once its month has ended (${result.computed.period.to} so far)`);
      }
      // One issuer at a time per carrier and month (the unique key is the final guard).
      await lockStatementIssue(manager, result.carrierId);
      const current = await issuedStatement(manager, result.carrierId, month, { forUpdate: true });
      const document = JSON.stringify(result.computed);
      if (current === null) {
        const insertedId = await insertIssuedStatement(manager, { carrierId: result.carrierId, month, fingerprint: result.computedFingerprint, document, issuedAt: now, issuedBy: by });
        if (insertedId === null) throw new ConflictException(`the ${month} statement of '${code}' was issued at the same moment by someone else`);
        await this.recordIssued(manager, { statementId: insertedId, revision: 1, fingerprint: result.computedFingerprint, document, difference: null, now, by });
        await insertAudit(manager, { at: now, actor: by, action: 'statement.issued', carrierId: result.carrierId, month, subjectId: insertedId, reason: note, details: { revision: 1, fingerprint: result.computedFingerprint, totalAfterCap: result.computed.totals.afterCap } });
        return;
      }
      if (current.fingerprint === result.computedFingerprint) {
        throw new ConflictException(`the ${month} statement of '${code}' is already issued as revision ${current.revision} with these inputs (fingerprint ${current.fingerprint})`);
      }
      const revision = current.revision + 1;
      const difference = statementDifference(current.document as unknown as Statement, result.computed);
      await reissueStatement(manager, { id: current.id, revision, fingerprint: result.computedFingerprint, document, issuedAt: now, issuedBy: by });
      await this.recordIssued(manager, { statementId: current.id, revision, fingerprint: result.computedFingerprint, document, difference, now, by });
      await insertAudit(manager, {
        at: now, actor: by, action: 'statement.issued', carrierId: result.carrierId, month, subjectId: current.id, reason: note,
        details: { revision, fingerprint: result.computedFingerprint, replaces: { revision: current.revision, fingerprint: current.fingerprint }, totalAfterCap: result.computed.totals.afterCap },
      });
    });
    return this.get(principal, code, month, { asOf: now.toISOString() });
  }

  private async recordIssued(
    manager: Pick<DataSource, 'query'>,
    revision: { statementId: string; revision: number; fingerprint: string; document: string; difference: unknown; now: Date; by: string },
  ): Promise<void> {
    await insertStatementRevision(manager, {
      statementId: revision.statementId, revision: revision.revision, kind: 'issued', fingerprint: revision.fingerprint, document: revision.document,
      difference: revision.difference === null ? null : JSON.stringify(revision.difference), createdAt: revision.now, createdBy: revision.by,
    });
  }

  /** Every revision of the month's statement, issued and draft, oldest first. */
  async revisions(principal: Principal, code: string, monthText: string) {
    const month = statementMonth(monthText);
    assertOwnCarrier(principal, code);
    const found = await statementRevisions(this.dataSource, code, month);
    return found.map((row) => ({ revision: row.revision, kind: row.kind, fingerprint: row.fingerprint, difference: row.difference, createdAt: new Date(row.created_at).toISOString(), createdBy: row.created_by }));
  }

  /** The audit log of one statement: its issues, disputes, decisions and invoiced amounts. */
  async statementAudit(principal: Principal, code: string, monthText: string) {
    const month = statementMonth(monthText);
    assertOwnCarrier(principal, code);
    const carrier = await findCarrierByCode(this.dataSource, code);
    if (!carrier) throw new NotFoundException(`carrier '${code}' is not registered`);
    return (await auditEntries(this.dataSource, { carrierId: carrier.id, month, limit: AUDIT_LIMIT })).map(auditView);
  }

  /** GET /api/v1/audit (admins): newest first, optionally one carrier and month. */
  async audit(query: Record<string, unknown>) {
    const carrier = typeof query.carrier === 'string' && query.carrier !== '' ? query.carrier : undefined;
    const month = typeof query.month === 'string' && query.month !== '' ? statementMonth(query.month) : undefined;
    let carrierId: number | undefined;
    if (carrier !== undefined) {
      const found = await findCarrierByCode(this.dataSource, carrier);
      if (!found) throw new NotFoundException(`carrier '${carrier}' is not registered`);
      carrierId = found.id;
    }
    return (await auditEntries(this.dataSource, { carrierId, month, limit: AUDIT_LIMIT })).map(auditView);
  }
}
