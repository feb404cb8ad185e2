import type { Milestone } from '@lanewatch/domain';

/**
 * AfterShip subtags whose milestone does not depend on where the checkpoint is: formats.md's table,
 * from AfterShip's published delivery sub-statuses; InTransit_002 also appears in the real corpus
 * (fixtures/real/SOURCES.md). A checkpoint without a subtag is read by its tag (below).
 */
export const AFTERSHIP_CODE_MAP: Readonly<Record<string, Milestone>> = {
  // Tags, for checkpoints that carry no subtag: InfoReceived, OutForDelivery, Delivered and Exception
  // in the real 2014 UPS trackings of ollie/after_ship (spec/requests), AttemptFail in its USPS
  // in_transit.json (commit 037baab); AvailableForPickup is AfterShip's published tag list.
  InfoReceived: 'INFO_RECEIVED',
  OutForDelivery: 'OUT_FOR_DELIVERY',
  AttemptFail: 'DELIVERY_FAILED',
  AvailableForPickup: 'AVAILABLE_FOR_PICKUP',
  Delivered: 'DELIVERED',
  Exception: 'EXCEPTION',
  // Subtags.
  InfoReceived_001: 'INFO_RECEIVED',
  InTransit_002: 'ACCEPTED',
  InTransit_004: 'ARRIVED_DESTINATION',
  Exception_004: 'IMPORT_CUSTOMS_HELD',
  Exception_018: 'IMPORT_CUSTOMS_HELD',
  OutForDelivery_001: 'OUT_FOR_DELIVERY',
  OutForDelivery_003: 'OUT_FOR_DELIVERY',
  OutForDelivery_004: 'OUT_FOR_DELIVERY',
  AttemptFail_001: 'DELIVERY_FAILED',
  AttemptFail_002: 'DELIVERY_FAILED',
  AttemptFail_003: 'DELIVERY_FAILED',
  AvailableForPickup_001: 'AVAILABLE_FOR_PICKUP',
  Delivered_001: 'DELIVERED',
  Delivered_002: 'DELIVERED',
  Delivered_003: 'DELIVERED',
  Delivered_004: 'DELIVERED',
  Delivered_005: 'DELIVERED',
  Exception_001: 'EXCEPTION',
  Exception_002: 'EXCEPTION',
  Exception_003: 'EXCEPTION',
  Exception_005: 'EXCEPTION',
  Exception_006: 'EXCEPTION',
  Exception_007: 'EXCEPTION',
  Exception_008: 'EXCEPTION',
  Exception_009: 'EXCEPTION',
  Exception_010: 'RETURN_IN_TRANSIT',
  Exception_011: 'RETURNED',
  Exception_012: 'EXCEPTION',
  Exception_013: 'LOST',
};

/** Delivered subtags that say where it was left (events.md §1 subtypes). */
export const AFTERSHIP_DELIVERED_SUBTYPES: Readonly<Record<string, string>> = {
  Delivered_002: 'pickup_point',
  Delivered_005: 'neighbour',
};

/**
 * Subtags whose milestone depends on the side of the journey: [origin side, destination side].
 * InTransit_001 (AfterShip's generic "In Transit", carried by the real Cainiao tracking in
 * xserg/emarto application/libraries/Aftership.php for a warehouse packing scan) is a facility scan,
 * and so is the bare InTransit tag (the 2014 UPS trackings of ollie/after_ship: pickup, origin,
 * arrival, departure and import scans, all tagged InTransit without a subtag).
 */
export const AFTERSHIP_SIDED: Readonly<Record<string, readonly [Milestone, Milestone]>> = {
  InTransit: ['ORIGIN_FACILITY', 'DESTINATION_FACILITY'],
  InTransit_001: ['ORIGIN_FACILITY', 'DESTINATION_FACILITY'],
  InTransit_003: ['ORIGIN_FACILITY', 'DESTINATION_FACILITY'],
  InTransit_007: ['ORIGIN_FACILITY', 'DESTINATION_FACILITY'],
  InTransit_006: ['EXPORT_CUSTOMS_STARTED', 'IMPORT_CUSTOMS_STARTED'],
  InTransit_005: ['EXPORT_CUSTOMS_CLEARED', 'IMPORT_CUSTOMS_RELEASED'],
};
