import { MigrationInterface, QueryRunner } from "typeorm";

export class PlansAndDraws1795635477212 implements MigrationInterface {
    name = 'PlansAndDraws1795635477212'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "plans" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "department_id" uuid NOT NULL,
                "joint_department_ids" uuid array NOT NULL DEFAULT '{}',
                "year" integer NOT NULL,
                "name" character varying(200) NOT NULL,
                "state" character varying(20) NOT NULL DEFAULT 'draft',
                "candidate_filter" jsonb NOT NULL,
                "sampling" jsonb NOT NULL,
                "rounding" character varying(40) NOT NULL DEFAULT 'largest-remainder-min1',
                "team_size" integer NOT NULL,
                "repeat_window" character varying(20) NOT NULL DEFAULT 'calendar_year',
                "annual_cap_per_entity" integer,
                "task_cap_per_inspector" integer,
                "window_start" date NOT NULL,
                "window_end" date NOT NULL,
                "recusal_rules" jsonb NOT NULL,
                "randomness_source" character varying(20),
                "drand_round" bigint,
                "commitment" character(64),
                "commit_secret" character(64),
                "candidate_pool_hash" character(64),
                "inspector_pool_hash" character(64),
                "parameters_hash" character(64),
                "parameters_json" text,
                "stratum_counts" jsonb,
                "conflicts" jsonb,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "created_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_plans_randomness_source" CHECK (
                    "randomness_source" IS NULL
                    OR "randomness_source" IN ('drand-quicknet', 'commit-reveal')
                ),
                CONSTRAINT "ck_plans_window" CHECK ("window_end" >= "window_start"),
                CONSTRAINT "ck_plans_team_size" CHECK ("team_size" >= 2),
                CONSTRAINT "ck_plans_state" CHECK (
                    "state" IN (
                        'draft',
                        'published',
                        'drawn',
                        'in_progress',
                        'completed'
                    )
                ),
                CONSTRAINT "pk_plans" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_plans_department_year" ON "plans" ("department_id", "year")
        `);
        await queryRunner.query(`
            CREATE TABLE "plan_items" (
                "plan_id" uuid NOT NULL,
                "item_version_id" uuid NOT NULL,
                CONSTRAINT "pk_plan_items" PRIMARY KEY ("plan_id", "item_version_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "plan_candidates" (
                "plan_id" uuid NOT NULL,
                "uscc" character varying(18) NOT NULL,
                "entity_id" uuid NOT NULL,
                "stratum" character(1) NOT NULL,
                "excluded" character varying(40),
                "supervising_unit" character varying(100),
                "last_inspectors" character varying(50) array NOT NULL DEFAULT '{}',
                CONSTRAINT "pk_plan_candidates" PRIMARY KEY ("plan_id", "uscc")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "plan_inspectors" (
                "plan_id" uuid NOT NULL,
                "certificate_number" character varying(50) NOT NULL,
                "inspector_id" uuid NOT NULL,
                "eligible" boolean NOT NULL,
                "domains" character varying(100) array NOT NULL DEFAULT '{}',
                "unit" character varying(100),
                "existing_tasks" integer NOT NULL DEFAULT '0',
                CONSTRAINT "pk_plan_inspectors" PRIMARY KEY ("plan_id", "certificate_number")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "draws" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "algorithm" character varying(20) NOT NULL,
                "randomness_proof" jsonb NOT NULL,
                "randomness" character(64) NOT NULL,
                "seed" character(64) NOT NULL,
                "result" jsonb NOT NULL,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_draws_plan" UNIQUE ("plan_id"),
                CONSTRAINT "pk_draws" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "tasks" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "draw_id" uuid NOT NULL,
                "plan_id" uuid NOT NULL,
                "department_id" uuid NOT NULL,
                "entity_id" uuid NOT NULL,
                "uscc" character varying(18) NOT NULL,
                "stratum" character(1) NOT NULL,
                "position" integer NOT NULL,
                "team" jsonb NOT NULL,
                "state" character varying(20) NOT NULL,
                "window_start" date NOT NULL,
                "window_end" date NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_tasks_draw_entity" UNIQUE ("draw_id", "entity_id"),
                CONSTRAINT "ck_tasks_state" CHECK ("state" IN ('assigned', 'unstaffed')),
                CONSTRAINT "pk_tasks" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_tasks_plan" ON "tasks" ("plan_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "plans"
            ADD CONSTRAINT "fk_plans_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "plan_items"
            ADD CONSTRAINT "fk_plan_items_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "plan_items"
            ADD CONSTRAINT "fk_plan_items_item_version" FOREIGN KEY ("item_version_id") REFERENCES "inspection_item_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "plan_candidates"
            ADD CONSTRAINT "fk_plan_candidates_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "plan_inspectors"
            ADD CONSTRAINT "fk_plan_inspectors_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "draws"
            ADD CONSTRAINT "fk_draws_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD CONSTRAINT "fk_tasks_draw" FOREIGN KEY ("draw_id") REFERENCES "draws"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "fk_tasks_draw"
        `);
        await queryRunner.query(`
            ALTER TABLE "draws" DROP CONSTRAINT "fk_draws_plan"
        `);
        await queryRunner.query(`
            ALTER TABLE "plan_inspectors" DROP CONSTRAINT "fk_plan_inspectors_plan"
        `);
        await queryRunner.query(`
            ALTER TABLE "plan_candidates" DROP CONSTRAINT "fk_plan_candidates_plan"
        `);
        await queryRunner.query(`
            ALTER TABLE "plan_items" DROP CONSTRAINT "fk_plan_items_item_version"
        `);
        await queryRunner.query(`
            ALTER TABLE "plan_items" DROP CONSTRAINT "fk_plan_items_plan"
        `);
        await queryRunner.query(`
            ALTER TABLE "plans" DROP CONSTRAINT "fk_plans_department"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_tasks_plan"
        `);
        await queryRunner.query(`
            DROP TABLE "tasks"
        `);
        await queryRunner.query(`
            DROP TABLE "draws"
        `);
        await queryRunner.query(`
            DROP TABLE "plan_inspectors"
        `);
        await queryRunner.query(`
            DROP TABLE "plan_candidates"
        `);
        await queryRunner.query(`
            DROP TABLE "plan_items"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_plans_department_year"
        `);
        await queryRunner.query(`
            DROP TABLE "plans"
        `);
    }

}
