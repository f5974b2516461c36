import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Plan rules (issue 16 §3): the limits a plan breaks with the reason that lets it through, and the warnings of
 * rules configured to warn (Tianjin's draw in the first working days of the quarter).
 */
export class PlanRules1795770000000 implements MigrationInterface {
    name = 'PlanRules1795770000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "plans" ADD "rule_breaches" jsonb NOT NULL DEFAULT '[]'`);
        await queryRunner.query(`ALTER TABLE "plans" ADD "rule_breach_reason" text`);
        await queryRunner.query(`ALTER TABLE "plans" ADD "rule_warnings" jsonb NOT NULL DEFAULT '[]'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "rule_warnings"`);
        await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "rule_breach_reason"`);
        await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "rule_breaches"`);
    }
}
