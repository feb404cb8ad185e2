import { rows } from '@lanewatch/db';
import { parseSlaPolicy, SlaPolicy } from '@lanewatch/domain';
import { POLICY_COLUMNS, PolicyRow } from '@lanewatch/pipeline';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../infrastructure/tokens';
import { assertUuid } from './sla-request.util';

type StoredPolicy = PolicyRow & { contract: string | null; effective_from: string | null; created_at: Date; updated_at: Date };

const COLUMNS = `${POLICY_COLUMNS}, contract, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, created_at, updated_at`;

export function policyView(row: StoredPolicy) {
  return {
    id: row.id,
    name: row.name,
    contract: row.contract,
    effectiveFrom: row.effective_from,
    carrier: row.carrier,
    corridor: row.corridor,
    serviceLevel: row.service_level,
    metric: row.metric,
    op: row.op,
    threshold: Number(row.threshold),
    windowDays: row.window_days,
    minSample: row.min_sample,
    severity: row.severity,
    enabled: row.enabled,
    burnRate: row.burn_rate,
    wilsonGuard: row.wilson_guard,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function parsed(body: unknown): SlaPolicy {
  const result = parseSlaPolicy(body);
  if (!result.ok) throw new BadRequestException({ message: 'invalid SLA policy', errors: result.errors });
  return result.value;
}

const values = (policy: SlaPolicy) => [
  policy.name,
  policy.carrier,
  policy.corridor,
  policy.serviceLevel,
  policy.metric,
  policy.op,
  policy.threshold,
  policy.windowDays,
  policy.minSample,
  policy.severity,
  policy.enabled,
  policy.burnRate === null ? null : JSON.stringify(policy.burnRate),
  policy.wilsonGuard,
];

@Injectable()
export class SlaPoliciesService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async create(body: unknown) {
    const policy = parsed(body);
    const [row] = await rows<StoredPolicy>(
      this.dataSource,
      `INSERT INTO sla_policies (name, carrier, corridor, service_level, metric, op, threshold, window_days, min_sample, severity, enabled, burn_rate, wilson_guard)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
      values(policy),
    );
    return policyView(row);
  }

  async list() {
    return (await rows<StoredPolicy>(this.dataSource, `SELECT ${COLUMNS} FROM sla_policies ORDER BY name, id`)).map(policyView);
  }

  async get(id: string) {
    assertUuid(id, 'SLA policy');
    const [row] = await rows<StoredPolicy>(this.dataSource, `SELECT ${COLUMNS} FROM sla_policies WHERE id = $1`, [id]);
    if (!row) throw new NotFoundException(`SLA policy '${id}' not found`);
    return policyView(row);
  }

  /** Replaces every field (PUT); a contract's policy is changed through its file (`lanewatch sla apply`). */
  async replace(id: string, body: unknown) {
    const existing = await this.get(id);
    if (existing.contract) throw new ConflictException(`SLA policy '${id}' belongs to contract '${existing.contract}': change it in the contract file and apply it`);
    const policy = parsed(body);
    const [row] = await rows<StoredPolicy>(
      this.dataSource,
      `UPDATE sla_policies SET name = $2, carrier = $3, corridor = $4, service_level = $5, metric = $6, op = $7, threshold = $8, window_days = $9,
         min_sample = $10, severity = $11, enabled = $12, burn_rate = $13, wilson_guard = $14, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, ...values(policy)],
    );
    return policyView(row);
  }

  async remove(id: string): Promise<void> {
    assertUuid(id, 'SLA policy');
    const result = await rows<{ id: string }>(this.dataSource, 'DELETE FROM sla_policies WHERE id = $1 RETURNING id', [id]);
    if (result.length === 0) throw new NotFoundException(`SLA policy '${id}' not found`);
  }
}
