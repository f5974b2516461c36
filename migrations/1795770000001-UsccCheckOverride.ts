import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A USCC that fails its check character, accepted after a supervisor checked it by hand (issue 16 §7): who,
 * when, why, and what the check said.
 */
export class UsccCheckOverride1795770000001 implements MigrationInterface {
    name = 'UsccCheckOverride1795770000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "regulated_entities" ADD "uscc_check_override_reason" text`);
        await queryRunner.query(`ALTER TABLE "regulated_entities" ADD "uscc_check_override_by" uuid`);
        await queryRunner.query(`ALTER TABLE "regulated_entities" ADD "uscc_check_override_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "regulated_entities" ADD "uscc_check_failure" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "regulated_entities" DROP COLUMN "uscc_check_failure"`);
        await queryRunner.query(`ALTER TABLE "regulated_entities" DROP COLUMN "uscc_check_override_at"`);
        await queryRunner.query(`ALTER TABLE "regulated_entities" DROP COLUMN "uscc_check_override_by"`);
        await queryRunner.query(`ALTER TABLE "regulated_entities" DROP COLUMN "uscc_check_override_reason"`);
    }
}
