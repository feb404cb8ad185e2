import {
  acknowledgeBreach,
  BreachRow,
  breachTransitions,
  findBreach,
  insertBreachAckEvent,
  listBreaches,
  policyContractOf,
  slaEvaluationHistory,
  unacknowledgeBreach,
} from '@lanewatch/db';
import { SlaMetric, storageProblems } from '@lanewatch/domain';
import { breachApiView, evidenceParcels } from '@lanewatch/sla';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { assertOwnCarrier, type Principal } from '../auth';
import { actorOf, assertUuid, CLOCK, Clock, DATA_SOURCE } from '../infrastructure';

const STATUSES = ['open', 'acknowledged', 'resolved'];
const MAX_NOTE_LENGTH = 2000;
const LIST_LIMIT = 500;
// The evidence export is complete up to this many parcels, and says so when a window holds more.
export const EVIDENCE_EXPORT_LIMIT = 10_000;
// Points of the breach page's trend: about a week of evaluations at the 5-minute schedule.
const HISTORY_LIMIT = 2000;

export const fullBreachView = (row: BreachRow) => breachApiView(row);

@Injectable()
export class BreachesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** sla.md §3; a carrier key sees only its own carrier's breaches. */
  async list(principal: Principal, query: Record<string, unknown>) {
    const errors: string[] = [];
    const text = (name: string) => {
      const value = query[name];
      if (value === undefined || value === '') return undefined;
      if (typeof value !== 'string') {
        errors.push(`${name} must be given once`);
        return undefined;
      }
      return value;
    };
    const status = text('status');
    if (status !== undefined && !STATUSES.includes(status)) errors.push(`status must be one of ${STATUSES.join(', ')}`);
    let carrier = text('carrier');
    const corridor = text('corridor');
    if (errors.length > 0) throw new BadRequestException({ message: 'invalid breach query', errors });
    if (principal.kind === 'carrier') {
      if (carrier !== undefined) assertOwnCarrier(principal, carrier);
      carrier = principal.carrierCode;
    }
    const found = await listBreaches(this.dataSource, { status, carrier, corridor }, LIST_LIMIT);
    return found.map(fullBreachView);
  }

  private async visibleBreach(principal: Principal, id: string): Promise<BreachRow> {
    assertUuid(id, 'breach');
    const row = await findBreach(this.dataSource, id);
    if (!row || (principal.kind === 'carrier' && row.carrier !== principal.carrierCode)) throw new NotFoundException(`breach '${id}' not found`);
    return row;
  }

  async get(principal: Principal, id: string) {
    const row = await this.visibleBreach(principal, id);
    // The metric from a window before the metric went wrong up to the last evaluation: the breach page's trend.
    const windowMs = new Date(row.window_to).getTime() - new Date(row.window_from).getTime();
    const since = new Date(new Date(row.wrong_side_since ?? row.opened_at).getTime() - windowMs);
    const history = await slaEvaluationHistory(this.dataSource, {
      policyId: row.policy_id, scopeKey: row.scope_key, since, until: new Date(row.last_evaluated_at), limit: HISTORY_LIMIT,
    });
    const transitions = await breachTransitions(this.dataSource, id);
    return {
      ...fullBreachView(row),
      history: history.reverse().map((point) => ({ at: point.evaluatedAt.toISOString(), value: point.value, sample: point.sample, verdict: point.verdict })),
      transitions: transitions.map((t) => ({ transition: t.transition, ...(t.transition === 'reminder' ? { reminder: t.reminder } : {}), at: new Date(t.at).toISOString(), ...(t.detail ? { detail: t.detail } : {}) })),
    };
  }

  /** Every evidence parcel of the breach's window (not only the ten stored), up to EVIDENCE_EXPORT_LIMIT. */
  async evidence(principal: Principal, id: string) {
    const row = await this.visibleBreach(principal, id);
    const instance = { carrier: row.carrier, corridor: row.corridor, serviceLevel: row.service_level };
    const window = { from: new Date(row.window_from), to: new Date(row.window_to) };
    // A clock metric's parcels are measured on its policy's contract clock (contracts.md §1).
    const policy = await policyContractOf(this.dataSource, row.policy_id);
    const { total, parcels } = await evidenceParcels(this.dataSource, {
      metric: row.metric as SlaMetric,
      instance,
      window,
      limit: EVIDENCE_EXPORT_LIMIT,
      contract: policy?.contract ?? null,
    });
    return { breachId: row.id, windowFrom: window.from.toISOString(), windowTo: window.to.toISOString(), total, limit: EVIDENCE_EXPORT_LIMIT, truncated: total > parcels.length, parcels };
  }

  /** Acknowledging stops reminders; the breach still resolves by itself (sla.md §3). */
  async acknowledge(principal: Principal, id: string, body: unknown) {
    assertUuid(id, 'breach');
    const raw = typeof body === 'object' && body !== null ? (body as { note?: unknown }).note : undefined;
    // Whoever looks next must learn what is being done: an acknowledgement says it.
    if (typeof raw !== 'string' || raw.trim() === '') {
      throw new BadRequestException({ message: 'invalid acknowledgement', errors: ['note is required: say what is being done about the breach'] });
    }
    if (raw.length > MAX_NOTE_LENGTH) {
      throw new BadRequestException({ message: 'invalid acknowledgement', errors: [`note must be at most ${MAX_NOTE_LENGTH} characters`] });
    }
    const unstorable = storageProblems({ note: raw }, '');
    if (unstorable.length > 0) throw new BadRequestException({ message: 'invalid acknowledgement', errors: unstorable });
    const note = raw.trim();
    const by = await actorOf(this.dataSource, principal);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const row = await findBreach(manager, id, true);
      if (!row) throw new NotFoundException(`breach '${id}' not found`);
      if (row.status === 'resolved') throw new ConflictException(`breach '${id}' is already resolved`);
      if (row.status === 'acknowledged') throw new ConflictException(`breach '${id}' was already acknowledged by ${row.acknowledged_by}`);
      await acknowledgeBreach(manager, id, { at: now, by, note });
      await this.event(manager, id, 'acknowledged', now, { by, note });
    });
    return this.get(principal, id);
  }

  /** Undoes an acknowledgement: the breach is open again, and reminders resume. */
  async unacknowledge(principal: Principal, id: string) {
    assertUuid(id, 'breach');
    const by = await actorOf(this.dataSource, principal);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const row = await findBreach(manager, id, true);
      if (!row) throw new NotFoundException(`breach '${id}' not found`);
      if (row.status !== 'acknowledged') throw new ConflictException(`breach '${id}' is ${row.status}, not acknowledged: there is nothing to undo`);
      await unacknowledgeBreach(manager, id);
      await this.event(manager, id, 'ack_undone', now, { by, undid: { by: row.acknowledged_by } });
    });
    return this.get(principal, id);
  }

  // An acknowledgement can be undone and made again: each one is its own event, numbered in `reminder`.
  private async event(manager: EntityManager, id: string, transition: 'acknowledged' | 'ack_undone', at: Date, detail: Record<string, unknown>): Promise<void> {
    await insertBreachAckEvent(manager, { breachId: id, transition, at, detail });
  }
}
