import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * 检查码 (issue 14): one public, unguessable code per task. Codes are made by the application on first
 * use (a staff view of the task or its record), so existing tasks need no backfill here.
 */
export class TaskCheckCodes1795760000000 implements MigrationInterface {
    name = 'TaskCheckCodes1795760000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "task_check_codes" ("task_id" uuid NOT NULL, "code" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_task_check_codes_code" UNIQUE ("code"), CONSTRAINT "pk_task_check_codes" PRIMARY KEY ("task_id"))`);
        await queryRunner.query(`ALTER TABLE "task_check_codes" ADD CONSTRAINT "fk_task_check_codes_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "task_check_codes" DROP CONSTRAINT "fk_task_check_codes_task"`);
        await queryRunner.query(`DROP TABLE "task_check_codes"`);
    }
}
