import { MigrationInterface, QueryRunner } from 'typeorm';

export class CarrierFormats1795410516362 implements MigrationInterface {
  name = 'CarrierFormats1795410516362';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"import_mappings\" (\"carrier_id\" integer NOT NULL, \"mapping\" jsonb NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_7db8d9e3d206e0e7a835a3a0c9f\" PRIMARY KEY (\"carrier_id\"))");
    await queryRunner.query("CREATE TABLE \"imports\" (\"id\" uuid NOT NULL, \"carrier_id\" integer NOT NULL, \"status\" character varying(16) NOT NULL, \"file_name\" character varying(200), \"rows_read\" integer NOT NULL DEFAULT '0', \"accepted\" integer NOT NULL DEFAULT '0', \"rejected\" integer NOT NULL DEFAULT '0', \"batches\" integer NOT NULL DEFAULT '0', \"error\" text, \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"finished_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_ea10c62f5eb1d75e83d8b5225db\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"imports_carrier_started_idx\" ON \"imports\"  (\"carrier_id\", \"started_at\") ");
    await queryRunner.query("CREATE TABLE \"import_rejections\" (\"import_id\" uuid NOT NULL, \"line\" integer NOT NULL, \"errors\" jsonb NOT NULL, CONSTRAINT \"PK_5daf7645a1665bf90752f44610f\" PRIMARY KEY (\"import_id\", \"line\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"import_rejections\"");
    await queryRunner.query("DROP INDEX \"public\".\"imports_carrier_started_idx\"");
    await queryRunner.query("DROP TABLE \"imports\"");
    await queryRunner.query("DROP TABLE \"import_mappings\"");
  }
}
