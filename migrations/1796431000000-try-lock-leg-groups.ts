import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * lanewatch_try_lock_leg_groups: takes the leg locks (7426010, as lanewatch_lock_legs) of whole groups
 * (link components) without waiting. A group whose every lock is free is held to the end of the
 * transaction; one with a busy lock gets none (its locks roll back with the block's subtransaction).
 * Returns the legs of the groups held.
 */
export class TryLockLegGroups1796431000000 implements MigrationInterface {
  name = 'TryLockLegGroups1796431000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE FUNCTION lanewatch_try_lock_leg_groups(leg_ids bigint[], group_ids int[]) RETURNS bigint[] LANGUAGE plpgsql AS $$ " +
        "DECLARE g int; k int; held bigint[] := '{}'; BEGIN " +
        "FOR g IN SELECT DISTINCT x FROM unnest(group_ids) AS x ORDER BY 1 LOOP " +
        "BEGIN " +
        "FOR k IN SELECT DISTINCT (t.id % 2147483647)::int FROM unnest(leg_ids, group_ids) AS t(id, grp) WHERE t.grp = g ORDER BY 1 LOOP " +
        "IF NOT pg_try_advisory_xact_lock(7426010, k) THEN RAISE EXCEPTION 'busy' USING ERRCODE = 'LW001'; END IF; " +
        "END LOOP; " +
        "held := held || ARRAY(SELECT t.id FROM unnest(leg_ids, group_ids) AS t(id, grp) WHERE t.grp = g); " +
        "EXCEPTION WHEN SQLSTATE 'LW001' THEN NULL; " +
        "END; " +
        "END LOOP; RETURN held; END $$",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION lanewatch_try_lock_leg_groups(bigint[], int[])');
  }
}
