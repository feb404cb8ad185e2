import { evidenceParcelRows, SqlRunner } from '@lanewatch/db';
import { SLA_METRIC_INFO, SlaMetric, SlaScopeInstance } from '@lanewatch/domain';

export interface EvidenceParcel {
  carrier: string;
  trackingNumber: string;
  /** GET path of the journey (apps/api/src/shipments). */
  shipmentPath: string;
  value: number | null;
  at: string | null;
  reason: string;
  /** The carrier's reason on the failed attempt (events' `reason`, e.g. RECIPIENT_ABSENT), when any. */
  failureReason?: string | null;
}

/** Every evidence parcel of a window up to a bound, and how many matched in all. */
export interface EvidenceParcels {
  total: number;
  parcels: EvidenceParcel[];
}

const EVIDENCE_LIMIT = 10;

/**
 * The worst parcels of a scope and window (sla.md §3 evidence): longest transit or hold, failed
 * first attempts, late deliveries. At most 10, with tracking numbers to open each journey, and how
 * many parcels matched in all. Feed-health metrics have no parcel evidence.
 */
export async function worstParcels(
  runner: SqlRunner,
  input: { metric: SlaMetric; instance: SlaScopeInstance; window: { from: Date; to: Date }; contract?: string | null },
): Promise<EvidenceParcels> {
  return evidenceParcels(runner, { ...input, limit: EVIDENCE_LIMIT });
}

/** The same parcels as worstParcels, in the same order, up to `limit` (the evidence export). */
export async function evidenceParcels(
  runner: SqlRunner,
  input: { metric: SlaMetric; instance: SlaScopeInstance; window: { from: Date; to: Date }; limit: number; contract?: string | null },
): Promise<EvidenceParcels> {
  const family = SLA_METRIC_INFO[input.metric].family;
  const result = await evidenceParcelRows(runner, { family, instance: input.instance, window: input.window, limit: input.limit, contract: input.contract });
  if (result === null) return { total: 0, parcels: [] };
  const { reason, rows: found } = result;
  const parcels = found.map((row) => ({
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    shipmentPath: `/api/v1/shipments/${encodeURIComponent(row.carrier)}/${encodeURIComponent(row.tracking_number)}`,
    value: row.value === null ? null : Number(row.value),
    at: row.at === null ? null : new Date(row.at).toISOString(),
    reason,
    ...(family === 'first_attempt' ? { failureReason: row.failure_reason } : {}),
  }));
  return { total: found.length > 0 ? Number(found[0].total) : 0, parcels };
}
