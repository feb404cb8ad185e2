import { deleteSilence, insertSilence, listSilences, SilenceRow } from '@lanewatch/db';
import { CARRIER_CODE_PATTERN, parseInstantWithOffset, SLA_SEVERITIES } from '@lanewatch/domain';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth';
import { actorOf, bodyObject, DATA_SOURCE, foundById, isUuid } from '../infrastructure';

const KNOWN = ['from', 'to', 'carrier', 'corridor', 'severity', 'policyId', 'reason'];

const view = (row: SilenceRow) => ({
  id: row.id,
  from: new Date(row.starts_at).toISOString(),
  to: new Date(row.ends_at).toISOString(),
  carrier: row.carrier,
  corridor: row.corridor,
  severity: row.severity,
  policyId: row.policy_id,
  reason: row.reason,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at).toISOString(),
});

@Injectable()
export class SilencesService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async create(principal: Principal, body: unknown) {
    const input = bodyObject(body);
    const errors: string[] = Object.keys(input)
      .filter((key) => !KNOWN.includes(key))
      .map((key) => `${key} is not a known field`);
    const instant = (name: 'from' | 'to') => {
      const raw = input[name];
      if (typeof raw !== 'string') {
        errors.push(`${name} is required: an ISO instant with a UTC offset`);
        return null;
      }
      const parsed = parseInstantWithOffset(name, raw);
      if (!parsed.ok) {
        errors.push(parsed.error);
        return null;
      }
      return new Date(parsed.value.epochMs);
    };
    const from = instant('from');
    const to = instant('to');
    if (from && to && to.getTime() <= from.getTime()) errors.push('to must be after from');
    const optional = (name: string, valid: (value: string) => boolean, describe: string) => {
      const raw = input[name];
      if (raw === undefined || raw === null) return null;
      if (typeof raw !== 'string' || !valid(raw)) errors.push(`${name} must be ${describe} or null`);
      return typeof raw === 'string' ? raw : null;
    };
    const carrier = optional('carrier', (value) => CARRIER_CODE_PATTERN.test(value), 'a carrier code');
    const corridor = optional('corridor', (value) => /^[A-Z]{2}-[A-Z]{2}$/.test(value), 'a corridor such as CN-BR');
    const severity = optional('severity', (value) => (SLA_SEVERITIES as readonly string[]).includes(value), `one of ${SLA_SEVERITIES.join(', ')}`);
    const policyId = optional('policyId', isUuid, 'a policy id');
    const reason = input.reason;
    if (typeof reason !== 'string' || reason.trim().length === 0 || reason.length > 2000) errors.push('reason is required: 1-2000 characters');
    if (errors.length > 0) throw new BadRequestException({ message: 'invalid silence', errors });
    const row = await insertSilence(this.dataSource, {
      from, to, carrier, corridor, severity, policyId, reason: (reason as string).trim(), createdBy: await actorOf(this.dataSource, principal),
    });
    return view(row);
  }

  async list() {
    return (await listSilences(this.dataSource)).map(view);
  }

  async remove(id: string): Promise<void> {
    await foundById(id, 'silence', (silenceId) => deleteSilence(this.dataSource, silenceId));
  }
}
