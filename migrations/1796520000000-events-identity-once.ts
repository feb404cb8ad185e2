import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An event's identity is enforced once, by event_identities (claimed with ON CONFLICT DO NOTHING
 * before the insert, events.md §6). The unique key (carrier_id, identity, occurred_at) on events
 * checked it a second time on every insert, and since it includes the partition key it never could
 * stop the same identity stored at two instants: only the identities table does.
 */
export class EventsIdentityOnce1796520000000 implements MigrationInterface {
  name = 'EventsIdentityOnce1796520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "events" DROP CONSTRAINT "events_identity_key"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "events" ADD CONSTRAINT "events_identity_key" UNIQUE ("carrier_id", "identity", "occurred_at")');
  }
}
