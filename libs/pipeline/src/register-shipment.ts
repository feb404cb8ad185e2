import { applyShipmentBlocks, carrierIdsByCode, findShipment, ShipmentRow, upsertLegs, legKey } from '@lanewatch/db';
import type { ShipmentBlock } from '@lanewatch/domain';
import type { DataSource } from 'typeorm';
import { recomputeFacts } from './facts';
import { shipmentValues } from './shipment-values';
import { lockLinking, relinkLegs } from './relink';

/**
 * POST /shipments: idempotent registration of a shipment by its first leg. Registering a leg
 * that already belongs to a shipment updates that shipment (the latest event time wins).
 */
export async function registerShipment(
  dataSource: DataSource,
  input: { carrier: string; trackingNumber: string; block: ShipmentBlock; receivedAt: Date; source: string; byCarrier: boolean },
): Promise<{ shipment: ShipmentRow; created: boolean }> {
  return dataSource.transaction(async (manager) => {
    const carrierId = (await carrierIdsByCode(manager, [input.carrier])).get(input.carrier);
    if (carrierId === undefined) throw new Error(`carrier '${input.carrier}' is not registered`);
    const legId = (await upsertLegs(manager, [{ carrierId, trackingNumber: input.trackingNumber }])).get(
      legKey(carrierId, input.trackingNumber),
    ) as string;
    await lockLinking(manager);
    const before = await manager.query(`SELECT shipment_id FROM legs WHERE id = $1`, [legId]);
    const hadShipment = Boolean(before[0]?.shipment_id) || (await manager.query(`SELECT 1 FROM shipments WHERE root_leg_id = $1`, [legId])).length > 0;
    // A registration counts at its time of receipt (events.md §3); the admin token's belongs to no carrier (0).
    const block = { legId, values: shipmentValues(input.block), observedAt: input.receivedAt.toISOString(), carrierId: input.byCarrier ? carrierId : 0 };
    await applyShipmentBlocks(manager, { blocks: [block], receivedAt: input.receivedAt, source: input.source });
    await recomputeFacts(manager, await relinkLegs(manager, [legId]));
    const [{ shipment_id: shipmentId }] = await manager.query(`SELECT shipment_id FROM legs WHERE id = $1`, [legId]);
    const shipment = await findShipment(manager, shipmentId);
    if (!shipment) throw new Error(`shipment of leg ${legId} vanished during registration`);
    return { shipment, created: !hadShipment };
  });
}
