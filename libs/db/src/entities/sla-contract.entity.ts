import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// Each applied version of a contract file (lanewatch sla apply): the full parsed contract, so the clock
// (contracts.md §1) and every other contract-level field can be read back. The version in force at an
// instant is the one with the latest effective_from on or before it.
@Entity({ name: 'sla_contracts' })
export class SlaContractEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  contract!: string;

  @PrimaryColumn({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  // A carrier code, as sla_policies.carrier.
  @Column({ type: 'varchar', length: 64 })
  carrier!: string;

  @Column({ type: 'jsonb' })
  document!: Record<string, unknown>;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt!: Date;
}

// A contract's number: the key of its clock cells in the rollups (kpi_rollups.peer_carrier_id on level k).
@Entity({ name: 'sla_contract_keys' })
export class SlaContractKeyEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 200, unique: true })
  contract!: string;
}
