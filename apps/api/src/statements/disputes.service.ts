import { decideDispute, findDispute, insertAudit, insertDispute } from '@lanewatch/db';
import { disputeView, readStatement } from '@lanewatch/sla';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { assertOwnCarrier, type Principal } from '../auth';
import { actorOf, assertUuid, bodyObject, CLOCK, Clock, DATA_SOURCE } from '../infrastructure';
import { viewOrNotFound } from './statements.service';
import { assertMayDispute, requiredText, statementMonth } from './statement-request.util';

const DECISIONS = { accept: 'accepted', reject: 'rejected' } as const;

@Injectable()
export class DisputesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A carrier user disputes one parcel of its statement (contracts.md §3), named by shipment id or tracking number. */
  async open(principal: Principal, code: string, monthText: string, body: unknown) {
    const month = statementMonth(monthText);
    assertMayDispute(principal, code);
    const fields = bodyObject(body);
    const parcel = requiredText(fields, 'parcel', "the parcel's shipment id or tracking number", 'invalid dispute');
    const reason = requiredText(fields, 'reason', 'say why the parcel should not count', 'invalid dispute');
    const now = this.clock.now();
    const result = viewOrNotFound(await readStatement(this.dataSource, code, month, now), code, month);
    // The parcel must be on the statement as computed now (the issued one, or the draft revision).
    const candidates = [result.computed, result.view.statement].flatMap((statement) =>
      statement.terms.flatMap((term) => [...term.parcels, ...term.excludedParcels]),
    );
    const wanted = parcel.toUpperCase();
    const found = candidates.find((entry) => entry.shipmentId === parcel || entry.trackingNumber.toUpperCase() === wanted);
    if (!found) throw new NotFoundException(`parcel '${parcel}' is not on the ${month} statement of '${code}'`);
    const by = await actorOf(this.dataSource, principal);
    const row = await this.dataSource.transaction(async (manager) => {
      const inserted = await insertDispute(manager, { carrierId: result.carrierId, month, shipmentId: found.shipmentId, trackingNumber: found.trackingNumber, reason, openedBy: by, openedAt: now });
      if (!inserted) throw new ConflictException(`parcel '${found.trackingNumber}' already has an open or accepted dispute on the ${month} statement`);
      await insertAudit(manager, { at: now, actor: by, action: 'dispute.opened', carrierId: result.carrierId, month, subjectId: inserted.id, reason, details: { shipmentId: found.shipmentId, trackingNumber: found.trackingNumber } });
      return inserted;
    });
    return disputeView(row);
  }

  async list(principal: Principal, code: string, monthText: string) {
    const month = statementMonth(monthText);
    assertOwnCarrier(principal, code);
    const result = viewOrNotFound(await readStatement(this.dataSource, code, month, this.clock.now()), code, month);
    return result.view.disputes;
  }

  /** An admin accepts or rejects an open dispute with a note; an accepted parcel leaves that month's consequences. */
  async decide(principal: Principal, id: string, body: unknown) {
    assertUuid(id, 'dispute');
    const fields = bodyObject(body);
    const decision = fields.decision;
    if (decision !== 'accept' && decision !== 'reject') throw new BadRequestException({ message: 'invalid decision', errors: ['decision must be accept or reject'] });
    const note = requiredText(fields, 'note', 'say why the dispute is accepted or rejected', 'invalid decision');
    const by = await actorOf(this.dataSource, principal);
    const now = this.clock.now();
    const row = await this.dataSource.transaction(async (manager) => {
      const existing = await findDispute(manager, id, { forUpdate: true });
      if (!existing) throw new NotFoundException(`dispute '${id}' not found`);
      if (existing.status !== 'open') throw new ConflictException(`dispute '${id}' was already ${existing.status} by ${existing.decided_by}`);
      const decided = await decideDispute(manager, { id, status: DECISIONS[decision], note, by, at: now });
      if (!decided) throw new ConflictException(`dispute '${id}' is no longer open`);
      await insertAudit(manager, {
        at: now, actor: by, action: `dispute.${DECISIONS[decision]}`, carrierId: decided.carrier_id, month: decided.month, subjectId: id, reason: note,
        details: { shipmentId: decided.shipment_id, trackingNumber: decided.tracking_number },
      });
      return decided;
    });
    return disputeView(row);
  }
}
