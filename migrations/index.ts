import { Initial1795399427367 } from './1795399427367-initial';
import { ShipmentAndLegFacts1795403424232 } from './1795403424232-shipment-and-leg-facts';
import { KpiRollups1795404476298 } from './1795404476298-kpi-rollups';
import { UsersAndSessions1795407886762 } from './1795407886762-users-and-sessions';
import { ScorecardRollups1795407908192 } from './1795407908192-scorecard-rollups';
import { SlaAndAlerts1795408399971 } from './1795408399971-sla-and-alerts';
import { CarrierFormats1795410516362 } from './1795410516362-carrier-formats';
import { PackedRollups1795416266838 } from './1795416266838-packed-rollups';
import { IngestCounts1795417763053 } from './1795417763053-ingest-counts';
import { PartitionedWeekRollups1796213343666 } from './1796213343666-partitioned-week-rollups';
import { ImportHeartbeat1796416258079 } from './1796416258079-import-heartbeat';
import { TrustedScalableWritePath1796418928343 } from './1796418928343-trusted-scalable-write-path';
import { BreachWrongSideSince1796430969579 } from './1796430969579-breach-wrong-side-since';
import { TryLockLegGroups1796431000000 } from './1796431000000-try-lock-leg-groups';
import { CitusReadyKeys1796431294613 } from './1796431294613-citus-ready-keys';
import { IngestWarningCounts1796431476249 } from './1796431476249-ingest-warning-counts';
import { PolicyStateAndTestDeliveries1796431685729 } from './1796431685729-policy-state-and-test-deliveries';
import { ExceptionFacts1796432479750 } from './1796432479750-exception-facts';
import { HandoverFromIndex1796432498547 } from './1796432498547-handover-from-index';
import { LegNumberLookup1796500000000 } from './1796500000000-leg-number-lookup';
import { CarrierUsers1796500017100 } from './1796500017100-carrier-users';
import { SlaContracts1796500100000 } from './1796500100000-sla-contracts';
import { ContractClockFacts1796500200000 } from './1796500200000-contract-clock-facts';
import { ContractStatements1796510000000 } from './1796510000000-contract-statements';
import { EventsIdentityOnce1796520000000 } from './1796520000000-events-identity-once';
import { TryLockLegGroupsOnePass1796520000001 } from './1796520000001-try-lock-leg-groups-one-pass';
import { RollupCellsRoomForUpdates1796520000002 } from './1796520000002-rollup-cells-room-for-updates';
import { IngestBatchRetention1796545691415 } from './1796545691415-ingest-batch-retention';
import { EventsKeyWithCarrier1796546700756 } from './1796546700756-events-key-with-carrier';
import { LegsKeyWithCarrier1796548598668 } from './1796548598668-legs-key-with-carrier';

// Listed explicitly (no globs): the same list works under swc, Jest and a bundled build.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [Initial1795399427367, ShipmentAndLegFacts1795403424232, KpiRollups1795404476298, UsersAndSessions1795407886762,
  ScorecardRollups1795407908192,
  SlaAndAlerts1795408399971,
  CarrierFormats1795410516362,
  PackedRollups1795416266838,
  IngestCounts1795417763053,
  PartitionedWeekRollups1796213343666,
  ImportHeartbeat1796416258079,
  TrustedScalableWritePath1796418928343,
  BreachWrongSideSince1796430969579,
  TryLockLegGroups1796431000000,
  CitusReadyKeys1796431294613,
  IngestWarningCounts1796431476249,
  PolicyStateAndTestDeliveries1796431685729,
  ExceptionFacts1796432479750,
  HandoverFromIndex1796432498547,
  LegNumberLookup1796500000000,
  CarrierUsers1796500017100,
  SlaContracts1796500100000,
  ContractClockFacts1796500200000,
  ContractStatements1796510000000,
  EventsIdentityOnce1796520000000,
  TryLockLegGroupsOnePass1796520000001,
  RollupCellsRoomForUpdates1796520000002,
  IngestBatchRetention1796545691415,
  EventsKeyWithCarrier1796546700756,
  LegsKeyWithCarrier1796548598668,
];
