import { MigrationInterface, QueryRunner } from "typeorm";

export class DrawLifecycle1795637175603 implements MigrationInterface {
    name = 'DrawLifecycle1795637175603'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Plans published before this migration used the pre-release draw-v1 snapshot format (no
        // department column, stored texts absent): their published hashes could not be reproduced.
        // No bureau ran that pre-release; refuse rather than silently break verifiability.
        const published: { n: number }[] = await queryRunner.query(`SELECT count(*)::int AS n FROM "plans" WHERE "state" <> 'draft'`);
        if (published[0].n > 0) {
            throw new Error(`DrawLifecycle: ${published[0].n} plan(s) were published with the pre-release snapshot format; export their transcripts and remove them (or start from an empty database) before upgrading`);
        }
        await queryRunner.query(`
            CREATE TABLE "redraws" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "replaced_draw_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "randomness_source" character varying(20) NOT NULL,
                "drand_round" bigint,
                "commitment" character(64),
                "commit_secret" character(64),
                "draw_id" uuid,
                "requested_by" uuid,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_redraws_randomness_source" CHECK (
                    "randomness_source" IN ('drand-quicknet', 'commit-reveal')
                ),
                CONSTRAINT "ck_redraws_reason" CHECK (char_length(btrim("reason")) >= 4),
                CONSTRAINT "pk_redraws" PRIMARY KEY ("id")
            )
        `);
        // The exact published snapshot bytes; stored uncompressed (EXTERNAL): read whole at every draw and transcript.
        await queryRunner.query(`
            CREATE TABLE "plan_snapshots" (
                "plan_id" uuid NOT NULL,
                "kind" character varying(20) NOT NULL,
                "content" text NOT NULL,
                "sha256" character(64) NOT NULL,
                CONSTRAINT "ck_plan_snapshots_kind" CHECK ("kind" IN ('candidates', 'inspectors')),
                CONSTRAINT "pk_plan_snapshots" PRIMARY KEY ("plan_id", "kind")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "plan_snapshots" ALTER COLUMN "content" SET STORAGE EXTERNAL
        `);
        await queryRunner.query(`
            ALTER TABLE "plan_snapshots"
            ADD CONSTRAINT "fk_plan_snapshots_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_redraws_plan_pending" ON "redraws" ("plan_id")
            WHERE "draw_id" IS NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_redraws_draw" ON "redraws" ("draw_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_redraws_replaced_draw" ON "redraws" ("replaced_draw_id")
        `);
        // Existing snapshot lines take the inspector's department (plans before joint teams were single-department).
        await queryRunner.query(`
            ALTER TABLE "plan_inspectors"
            ADD "department_id" uuid
        `);
        await queryRunner.query(`
            UPDATE "plan_inspectors" pi SET "department_id" = p."department_id" FROM "plans" p WHERE p."id" = pi."plan_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "plan_inspectors" ALTER COLUMN "department_id" SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "draws"
            ADD "superseded_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "draws" DROP CONSTRAINT "uq_draws_plan"
        `);
        // The summary's figures, kept beside the (large) result so reading a draw does not load it.
        await queryRunner.query(`
            ALTER TABLE "draws"
            ADD "strata" jsonb,
            ADD "task_count" integer,
            ADD "unstaffed_task_count" integer
        `);
        await queryRunner.query(`
            UPDATE "draws" SET
                "strata" = "result" -> 'strata',
                "task_count" = jsonb_array_length("result" -> 'selections'),
                "unstaffed_task_count" = (SELECT count(DISTINCT t ->> 'uscc') FROM jsonb_array_elements("result" -> 'teams') t WHERE NOT (t ->> 'filled')::boolean)
        `);
        await queryRunner.query(`
            ALTER TABLE "draws"
            ALTER COLUMN "strata" SET NOT NULL,
            ALTER COLUMN "task_count" SET NOT NULL,
            ALTER COLUMN "unstaffed_task_count" SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "draws" ALTER COLUMN "result" TYPE json USING "result"::json
        `);
        // Tasks of a superseded draw are cancelled, never deleted.
        await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "ck_tasks_state"
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks" ADD CONSTRAINT "ck_tasks_state" CHECK ("state" IN ('assigned', 'unstaffed', 'cancelled'))
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_draws_plan_current" ON "draws" ("plan_id")
            WHERE "superseded_at" IS NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_tasks_uscc" ON "tasks" ("uscc", "window_start")
        `);
        // Snapshots are read in USCC byte order page by page; with "C" the primary key serves that order
        // (with the database's default collation every page was a sort of the whole pool).
        await queryRunner.query(`
            ALTER TABLE "plan_candidates"
            ALTER COLUMN "uscc" TYPE character varying(18) COLLATE "C"
        `);
        await queryRunner.query(`
            ALTER TABLE "redraws"
            ADD CONSTRAINT "fk_redraws_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "redraws"
            ADD CONSTRAINT "fk_redraws_replaced_draw" FOREIGN KEY ("replaced_draw_id") REFERENCES "draws"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "redraws"
            ADD CONSTRAINT "fk_redraws_draw" FOREIGN KEY ("draw_id") REFERENCES "draws"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // Redraws and cancelled tasks are public history the older schema cannot hold.
        const history: { n: number }[] = await queryRunner.query(`SELECT (SELECT count(*) FROM "redraws") + (SELECT count(*) FROM "tasks" WHERE "state" = 'cancelled') AS n`);
        if (Number(history[0].n) > 0) throw new Error('DrawLifecycle cannot be reverted: redraws exist (public history the previous schema cannot hold)');
        await queryRunner.query(`
            ALTER TABLE "redraws" DROP CONSTRAINT "fk_redraws_draw"
        `);
        await queryRunner.query(`
            ALTER TABLE "redraws" DROP CONSTRAINT "fk_redraws_replaced_draw"
        `);
        await queryRunner.query(`
            ALTER TABLE "redraws" DROP CONSTRAINT "fk_redraws_plan"
        `);
        await queryRunner.query(`
            ALTER TABLE "plan_candidates"
            ALTER COLUMN "uscc" TYPE character varying(18) COLLATE pg_catalog."default"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_tasks_uscc"
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "ck_tasks_state"
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks" ADD CONSTRAINT "ck_tasks_state" CHECK ("state" IN ('assigned', 'unstaffed'))
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_draws_plan_current"
        `);
        await queryRunner.query(`
            ALTER TABLE "draws"
            ADD CONSTRAINT "uq_draws_plan" UNIQUE ("plan_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "draws" ALTER COLUMN "result" TYPE jsonb USING "result"::jsonb
        `);
        await queryRunner.query(`
            ALTER TABLE "draws" DROP COLUMN "superseded_at", DROP COLUMN "strata", DROP COLUMN "task_count", DROP COLUMN "unstaffed_task_count"
        `);
        await queryRunner.query(`
            ALTER TABLE "plan_inspectors" DROP COLUMN "department_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_redraws_replaced_draw"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_redraws_draw"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_redraws_plan_pending"
        `);
        await queryRunner.query(`
            DROP TABLE "redraws"
        `);
        await queryRunner.query(`
            DROP TABLE "plan_snapshots"
        `);
    }

}
