import { MigrationInterface, QueryRunner } from 'typeorm';

export class UsersAndSessions1795407886762 implements MigrationInterface {
  name = 'UsersAndSessions1795407886762';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"users\" (\"id\" SERIAL NOT NULL, \"email\" character varying(254) NOT NULL, \"display_name\" character varying(200) NOT NULL, \"password_hash\" character varying(255) NOT NULL, \"role\" character varying(16) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"disabled_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"UQ_97672ac88f789774dd47f7c8be3\" UNIQUE (\"email\"), CONSTRAINT \"CHK_users_role\" CHECK (\"role\" IN ('admin', 'viewer')), CONSTRAINT \"CHK_users_email_lower_case\" CHECK (\"email\" = lower(\"email\")), CONSTRAINT \"PK_a3ffb1c0c8416b9fc6f907b7433\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"user_sessions\" (\"id\" uuid NOT NULL DEFAULT uuid_generate_v4(), \"token_hash\" character(64) NOT NULL, \"user_id\" integer NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"last_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"UQ_6596adb3b8927b35bda97e734aa\" UNIQUE (\"token_hash\"), CONSTRAINT \"PK_e93e031a5fed190d4789b6bfd83\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_e9658e959c490b0a634dfc5478\" ON \"user_sessions\"  (\"user_id\") ");
    await queryRunner.query("ALTER TABLE \"user_sessions\" ADD CONSTRAINT \"FK_e9658e959c490b0a634dfc54783\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"user_sessions\" DROP CONSTRAINT \"FK_e9658e959c490b0a634dfc54783\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_e9658e959c490b0a634dfc5478\"");
    await queryRunner.query("DROP TABLE \"user_sessions\"");
    await queryRunner.query("DROP TABLE \"users\"");
  }
}
