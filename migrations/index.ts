import { Initial1795399427367 } from './1795399427367-initial';
import { ShipmentAndLegFacts1795403424232 } from './1795403424232-shipment-and-leg-facts';
import { KpiRollups1795404476298 } from './1795404476298-kpi-rollups';

// Listed explicitly (no globs): the same list works under swc, Jest and a bundled build.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [Initial1795399427367, ShipmentAndLegFacts1795403424232, KpiRollups1795404476298];
