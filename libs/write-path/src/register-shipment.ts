import { applyAttributeClaims, carrierIdsByCode, createRootShipments, findLeg, findShipment, legKey, ShipmentRow, shipmentIdOfLeg, upsertLegs } from '@lanewatch/db';
import type { ShipmentBlock } from '@lanewatch/domain';
import type { DataSource } from 'typeorm';
import { deriveLegs } from './derive';
import { shipmentValues } from './shipment-values';

/**
 * POST /shipments: idempotent registration of a shipment by its first leg. Registering a leg
 * that already belongs to a shipment updates that shipment (the latest event time wins). Derives
 * the journey at once, holding only that journey's legs.
 */
export async function registerShipment(
  dataSource: DataSource,
  input: { carrier: string; trackingNumber: string; block: ShipmentBlock; receivedAt: Date; source: string; byCarrier: boolean },
): Promise<{ shipment: ShipmentRow; created: boolean }> {
  return dataSource.transaction(async (manager) => {
    const carrierId = (await carrierIdsByCode(manager, [input.carrier])).get(input.carrier);
    if (carrierId === undefined) throw new Error(`carrier '${input.carrier}' is not registered`);
    const legId = (await upsertLegs(manager, [{ carrierId, trackingNumber: input.trackingNumber }])).get(legKey(carrierId, input.trackingNumber)) as string;
    // A registration counts at its time of receipt (events.md §3); the admin token's belongs to no carrier (0).
    const claim = { legId, values: shipmentValues(input.block), observedAt: input.receivedAt.toISOString(), carrierId: input.byCarrier ? carrierId : 0 };
    await applyAttributeClaims(manager, { claims: [claim], receivedAt: input.receivedAt, source: input.source });
    const before = await findLeg(manager, input.carrier, input.trackingNumber);
    // The registered leg is a first leg (events.md §4) unless a hand-over already made it a later one.
    const created = before?.shipment_id ? [] : await createRootShipments(manager, [legId]);
    await deriveLegs(manager, { legIds: [legId] });
    const shipmentId = await shipmentIdOfLeg(manager, legId);
    const shipment = shipmentId === null ? null : await findShipment(manager, shipmentId);
    if (!shipment) throw new Error(`shipment of leg ${legId} vanished during registration`);
    return { shipment, created: created.length > 0 };
  });
}
