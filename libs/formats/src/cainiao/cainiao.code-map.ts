import type { Milestone } from '@lanewatch/domain';

/*
 * Cainiao action codes. Each entry names where it is backed:
 *   [spec]   formats.md's table;
 *   [RS081]  dir01/parcels externalapis/cainiao/TestCainiao/RS0814398526Y.golden (real response);
 *   [AE010]  dir01/parcels testdata/…AE010698498… (real response);
 *   [i167]   itsvic-dev/deliveries issue #167 (codes and Cainiao's own texts seen on real parcels);
 *   [hacr]   ha-parcel-integrations/ha-cainiao tests/payloads.py, real_delivered_sample and real_active_sample
 *            (redacted real responses; fixtures/real/ha-cainiao-payloads-real-samples.py.txt).
 * GTMS_STA_SIGNED is a pickup-station arrival, not a delivery.
 */
export const CAINIAO_CODE_MAP: Readonly<Record<string, Milestone>> = {
  GWMS_ACCEPT: 'INFO_RECEIVED', // [AE010] "Shipment information received by warehouse electronically"
  GWMS_PACKAGE: 'INFO_RECEIVED', // [AE010] "Package ready for shipping from warehouse": not yet with the carrier
  PRE_READY_TO_SHIP: 'INFO_RECEIVED', // [i167] "packed into a large shipment and ready for the delivery company to pick up"
  PU_PICKUP_SUCCESS: 'ACCEPTED', // [spec][RS081][AE010]
  PU_PRE_PICKUP_SUCCESS: 'ACCEPTED', // [i167] "Delivery company has picked up the large shipment"
  GWMS_OUTBOUND: 'ACCEPTED', // [spec][AE010]
  WMS_CONFIRMED: 'ACCEPTED', // [AE010] "包裹已出库" (the parcel left the warehouse), same instant as GWMS_OUTBOUND
  SC_INBOUND_SUCCESS: 'ORIGIN_FACILITY', // [spec][RS081][AE010]
  SC_OUTBOUND_SUCCESS: 'ORIGIN_FACILITY', // [spec][RS081][AE010]
  SC_SORTING: 'ORIGIN_FACILITY', // [spec] SC_* family
  LH_HO_IN_SUCCESS: 'ORIGIN_FACILITY', // [RS081][AE010] "Arrived at departure transport hub"
  CC_EX_START: 'EXPORT_CUSTOMS_STARTED', // [spec][RS081][AE010]
  CC_EX_SUCCESS: 'EXPORT_CUSTOMS_CLEARED', // [spec][RS081][AE010]
  LH_HO_AIRLINE: 'HANDED_TO_LINEHAUL', // [spec][RS081][AE010]
  LH_DEPART: 'DEPARTED_ORIGIN', // [spec][RS081][AE010]
  TD_TRANS_ARRIVE_C: 'TRANSIT_HUB', // [i167] "Arrived in transit country/region"
  TD_TRANS_DEPART_C: 'TRANSIT_HUB', // [i167] "Departed from transit country/region"
  LH_ARRIVE: 'ARRIVED_DESTINATION', // [spec][RS081][AE010]
  CC_HO_IN_SUCCESS: 'IMPORT_CUSTOMS_STARTED', // [spec][RS081][AE010]
  CUSTOMS_ARRIVED_IN_AREA_CALLBACK: 'IMPORT_CUSTOMS_STARTED', // [AE010] "到达海关监管仓等待清关" (at the bonded warehouse, awaiting clearance)
  CC_IM_START: 'IMPORT_CUSTOMS_STARTED', // [spec][RS081][AE010]
  CC_IM_FAILURE: 'IMPORT_CUSTOMS_HELD', // [spec]
  CUS_TAX: 'IMPORT_CUSTOMS_HELD', // [spec]
  CC_IM_SUCCESS: 'IMPORT_CUSTOMS_RELEASED', // [spec][RS081][AE010][hacr]
  CC_HO_OUT_SUCCESS: 'IMPORT_CUSTOMS_RELEASED', // [spec][RS081][AE010][hacr]
  GTMS_ACCEPT: 'HANDED_OVER', // [spec][RS081]
  GTMS_SC_ARRIVE: 'DESTINATION_FACILITY', // [spec]
  GTMS_DO_ARRIVE: 'DESTINATION_FACILITY', // [spec]
  TD_TRANS_ARRIVE_DCP: 'DESTINATION_FACILITY', // [i167] "Awaiting for transit to final delivery office"
  GTMS_DO_DEPART: 'OUT_FOR_DELIVERY', // [spec][hacr]
  GTMS_DELIVERING: 'OUT_FOR_DELIVERY', // [spec]
  GTMS_DEL_FAILURE: 'DELIVERY_FAILED', // [spec]
  GTMS_STA_SIGNED: 'AVAILABLE_FOR_PICKUP', // [spec][i167] "Arrived at pick-up point. Package available for collection."
  GTMS_WAIT_SELF_PICK: 'AVAILABLE_FOR_PICKUP', // [spec]
  GSTA_INFORM_BUYER: 'AVAILABLE_FOR_PICKUP', // [spec]
  GSTA_INBOUND: 'AVAILABLE_FOR_PICKUP', // [i167] "Arrived at pick-up point. Package available for collection."
  GTMS_SIGNED: 'DELIVERED', // [spec][hacr]
  GSTA_BUYER_SIGN: 'DELIVERED', // [spec]
  RT_RETURN: 'RETURN_IN_TRANSIT', // [spec] RT_* family
  RT_TRANSIT: 'RETURN_IN_TRANSIT', // [spec] RT_* family
  RETURNED: 'RETURNED', // [spec]
  GWMS_CANCEL: 'CANCELLED', // [spec]
};

/** Codes whose side of the journey the payload decides: [origin side, destination side]. */
export const CAINIAO_SIDED: Readonly<Record<string, readonly [Milestone, Milestone]>> = {
  COMMON_INTRANSIT: ['ORIGIN_FACILITY', 'DESTINATION_FACILITY'], // [i167][hacr] "Shipment on the way"
  GTMS_OE_DEPART: ['ORIGIN_FACILITY', 'DESTINATION_FACILITY'], // [hacr] "Shipment departed from facility"
  // [hacr] "Accepted for transportation by postal service" at GMT+3 in Ukraine: the destination post took it in.
  LH_POST_COLLECTION: ['ORIGIN_FACILITY', 'ARRIVED_DESTINATION'],
};

/** The code of the hand-over made from the top-level realMailNo when no GTMS_ACCEPT entry names the next leg. */
export const REAL_MAIL_NO_HANDOVER_CODE = 'HANDOVER_REAL_MAIL_NO';

/** Scans that date a top-level hand-over: release from import customs first, else the arrival. */
export const ARRIVAL_CODES: ReadonlyMap<string, number> = new Map([
  ['CC_HO_OUT_SUCCESS', 0],
  ['CC_IM_SUCCESS', 0],
  ['CC_HO_IN_SUCCESS', 1],
  ['CUSTOMS_ARRIVED_IN_AREA_CALLBACK', 1],
  ['LH_ARRIVE', 1],
]);

/** SC_* and RT_* are families: any code of the family maps as its prefix says. */
export function cainiaoFamilyMilestone(code: string): Milestone | undefined {
  if (code.startsWith('SC_')) return 'ORIGIN_FACILITY';
  if (code.startsWith('RT_')) return 'RETURN_IN_TRANSIT';
  return undefined;
}
