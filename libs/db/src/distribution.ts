// How every table would be placed on a Citus cluster (docs/scaling.md). test/scaling-schema.int-spec.ts
// checks this against the migrated catalog, so a schema change cannot silently break the plan.

/** A co-location group: its tables are hash-distributed on columns of one type, rows with equal values on one node. */
export type ColocationGroup = 'carrier' | 'leg' | 'shipment' | 'batch';

export type TablePlacement =
  /** Hash-distributed on `column`; every primary key and unique key must contain it. */
  | { kind: 'distributed'; column: string; group: ColocationGroup; notYetDistributable?: KeyException }
  /** Small, read by every node, rarely written: a copy on every node. */
  | { kind: 'reference' }
  /** Stays on the coordinator (a Citus local table): low volume, off the ingest and derivation path. */
  | { kind: 'local' };

/** The keys that do not contain the distribution column yet, as "primary key (columns)" or "unique (columns)", and why. */
export interface KeyException {
  keys: string[];
  why: string;
}

const distributed = (column: string, group: ColocationGroup, notYetDistributable?: KeyException): TablePlacement =>
  notYetDistributable === undefined ? { kind: 'distributed', column, group } : { kind: 'distributed', column, group, notYetDistributable };
const reference: TablePlacement = { kind: 'reference' };
const local: TablePlacement = { kind: 'local' };

/**
 * Every table of the public schema (the migrations table aside). Ingest is scoped by carrier (an event's
 * identity is unique per carrier, events.md §6), derivation by leg and shipment, the inbox by batch.
 * `notYetDistributable` names the keys that do not contain the distribution column yet and why they were
 * not changed: the list may shrink, never grow (the spec compares it, key by key, with the catalog).
 */
export const DISTRIBUTION: Readonly<Record<string, TablePlacement>> = {
  // Storing a batch: identities, events, legs and counters of one carrier.
  events: distributed('carrier_id', 'carrier'),
  event_identities: distributed('carrier_id', 'carrier'),
  legs: distributed('carrier_id', 'carrier'),
  unmapped_codes: distributed('carrier_id', 'carrier'),
  ingest_counts: distributed('carrier_id', 'carrier'),
  ingest_batch_totals: distributed('carrier_id', 'carrier'),
  ingest_warning_counts: distributed('carrier_id', 'carrier'),
  kpi_rollups: distributed('carrier_id', 'carrier'),
  kpi_rollup_deltas: distributed('carrier_id', 'carrier'),
  // Deriving a journey: per leg.
  link_queue: distributed('leg_id', 'leg'),
  attribute_claims: distributed('leg_id', 'leg'),
  leg_facts: distributed('leg_id', 'leg'),
  leg_link_pins: distributed('leg_id', 'leg'),
  data_quality_issues: distributed('leg_id', 'leg'),
  // A journey's shipment and its facts.
  shipments: distributed(
    'id',
    'shipment',
    {
      keys: ['unique (root_leg_id)'],
      why: 'unique (root_leg_id) is the identity a new shipment is claimed by (ON CONFLICT), while the id is a random uuid; a shipment id derived from its root leg id would make the two one key',
    },
  ),
  shipment_facts: distributed('shipment_id', 'shipment'),
  // The inbox: one batch.
  ingest_batches: distributed('id', 'batch'),
  dead_letters: distributed('batch_id', 'batch'),
  // Read by every batch or request, changed by an operator.
  carriers: reference,
  carrier_keys: reference,
  code_map_entries: reference,
  import_mappings: reference,
  users: reference,
  sla_policies: reference,
  sla_contracts: reference,
  sla_contract_keys: reference,
  notification_channels: reference,
  silences: reference,
  // Off the hot path.
  user_sessions: local,
  breaches: local,
  sla_evaluations: local,
  breach_events: local,
  alert_deliveries: local,
  background_tasks: local,
  imports: local,
  import_rejections: local,
  derive_log: local,
  // Contracts (contracts.md §2-3): a few rows per carrier and month, written by people.
  statements: local,
  statement_revisions: local,
  disputes: local,
  audit_log: local,
  invoices: local,
};

/** Tables whose keys do not contain their distribution column yet: those keys, and why. */
export function notYetDistributable(): Record<string, KeyException> {
  return Object.fromEntries(
    Object.entries(DISTRIBUTION).flatMap(([table, placement]) =>
      placement.kind === 'distributed' && placement.notYetDistributable !== undefined ? [[table, placement.notYetDistributable]] : [],
    ),
  );
}
