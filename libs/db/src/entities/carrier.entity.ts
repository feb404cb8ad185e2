import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'carriers' })
export class CarrierEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 40, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  // The webhook secret is derived from LANEWATCH_SECRET_KEY and this salt; only its hash is stored.
  @Column({ name: 'webhook_secret_salt', type: 'varchar', length: 64 })
  webhookSecretSalt!: string;

  @Column({ name: 'webhook_secret_hash', type: 'char', length: 64 })
  webhookSecretHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
