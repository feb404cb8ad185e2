import { LanewatchConfig } from '@lanewatch/config';
import {
  deleteSlaPolicy,
  findCarrierByCode,
  findStoredSlaPolicy,
  insertSlaPolicy,
  listStoredSlaPolicies,
  PolicyValues,
  replaceSlaPolicy,
  StoredPolicyRow,
} from '@lanewatch/db';
import { parseSlaPolicy, SLA_WILDCARD, SlaPolicy } from '@lanewatch/domain';
import { previewPolicy } from '@lanewatch/sla';
import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CLOCK, Clock, CONFIG, DATA_SOURCE, foundById } from '../infrastructure';

type StoredPolicy = StoredPolicyRow;

// A draft being previewed may have no name yet: the name judges nothing.
const PREVIEW_NAME = 'preview';

/** The state the latest evaluation left (sla.md §2), and when the repeatable job runs next. */
function stateView(row: StoredPolicy, now: Date, intervalMs: number) {
  const next = new Date((Math.floor(now.getTime() / intervalMs) + 1) * intervalMs);
  const summary = row.last_evaluation;
  return {
    state: !row.enabled ? 'disabled' : summary ? summary.state : 'not_evaluated',
    value: summary?.value ?? null,
    sample: summary?.sample ?? null,
    worst: summary?.worst ?? null,
    scopes: summary?.scopes ?? null,
    breachingScopes: summary?.breachingScopes ?? null,
    lastEvaluatedAt: row.last_evaluated_at ? new Date(row.last_evaluated_at).toISOString() : null,
    nextEvaluationAt: row.enabled ? next.toISOString() : null,
  };
}

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

const invalidPolicy = (errors: string[]) => new BadRequestException({ message: 'invalid SLA policy', errors });

/** The schema's checks, then the carrier against the registered ones: a typo would check nothing, forever. */
async function parsed(dataSource: DataSource, body: unknown): Promise<SlaPolicy> {
  const result = parseSlaPolicy(body);
  if (!result.ok) throw invalidPolicy(result.errors);
  const { carrier } = result.value;
  if (carrier !== null && carrier !== SLA_WILDCARD && !(await findCarrierByCode(dataSource, carrier))) {
    throw invalidPolicy([`carrier '${carrier}' is not a registered carrier`]);
  }
  return result.value;
}

const values = (policy: SlaPolicy): PolicyValues => [
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
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: LanewatchConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(body: unknown) {
    const policy = await parsed(this.dataSource, body);
    const row = await insertSlaPolicy(this.dataSource, values(policy));
    return policyView(row);
  }

  async list() {
    const now = this.clock.now();
    return (await listStoredSlaPolicies(this.dataSource)).map((row) => ({
      ...policyView(row),
      status: stateView(row, now, this.config.slaEvaluationIntervalMs),
    }));
  }

  /** The value and verdict a draft would give now, validated as on create; nothing is stored. */
  async preview(body: unknown) {
    const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
    const draft = isObject ? { ...(body as Record<string, unknown>) } : body;
    if (isObject && (draft as Record<string, unknown>).name === undefined) (draft as Record<string, unknown>).name = PREVIEW_NAME;
    const policy = await parsed(this.dataSource, draft);
    return previewPolicy(this.dataSource, {
      asOf: this.clock.now(),
      policy: {
        name: policy.name,
        carrier: policy.carrier,
        corridor: policy.corridor,
        service_level: policy.serviceLevel,
        metric: policy.metric,
        op: policy.op,
        threshold: policy.threshold,
        window_days: policy.windowDays,
        min_sample: policy.minSample,
        severity: policy.severity,
        enabled: true,
        burn_rate: policy.burnRate,
        wilson_guard: policy.wilsonGuard,
      },
    });
  }

  async get(id: string) {
    return policyView(await foundById(id, 'SLA policy', (policyId) => findStoredSlaPolicy(this.dataSource, policyId)));
  }

  /** Replaces every field (PUT); a contract's policy is changed through its file (`lanewatch sla apply`). */
  async replace(id: string, body: unknown) {
    const existing = await this.get(id);
    if (existing.contract) throw new ConflictException(`SLA policy '${id}' belongs to contract '${existing.contract}': change it in the contract file and apply it`);
    const policy = await parsed(this.dataSource, body);
    const row = await replaceSlaPolicy(this.dataSource, id, values(policy));
    return policyView(row);
  }

  async remove(id: string): Promise<void> {
    await foundById(id, 'SLA policy', (policyId) => deleteSlaPolicy(this.dataSource, policyId));
  }
}
