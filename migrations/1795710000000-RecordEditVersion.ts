import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The version at a check record's last edit (fields or state). Evidence uploads bump `version` only, so
 * a team's submit or edit that only races its own evidence uploads is not a conflict (docs/checks.md).
 */
export class RecordEditVersion1795710000000 implements MigrationInterface {
    name = 'RecordEditVersion1795710000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "check_records" ADD "edit_version" integer NOT NULL DEFAULT 1`);
        await queryRunner.query(`UPDATE "check_records" SET "edit_version" = "version"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "check_records" DROP COLUMN "edit_version"`);
    }
}
