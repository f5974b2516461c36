import { MigrationInterface, QueryRunner } from "typeorm";

export class Publication1795640390222 implements MigrationInterface {
    name = 'Publication1795640390222'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "publications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "record_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "current" boolean NOT NULL DEFAULT true,
                "state" character varying(20) NOT NULL,
                "result_type" character varying(20) NOT NULL,
                "department_id" uuid NOT NULL,
                "plan_id" uuid NOT NULL,
                "draw_id" uuid NOT NULL,
                "task_id" uuid NOT NULL,
                "check_date" date NOT NULL,
                "deadline" date NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "entity_name" character varying(200) NOT NULL,
                "uscc" character varying(18) NOT NULL,
                "item_codes" character varying(50) array NOT NULL,
                "result_codes" character varying(40) array NOT NULL,
                "payload" jsonb NOT NULL,
                "correction_reason" text,
                "withdrawn_reason" text,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_publications_record_version" UNIQUE ("record_id", "version"),
                CONSTRAINT "ck_publications_result_type" CHECK ("result_type" IN ('general', 'decision')),
                CONSTRAINT "ck_publications_state" CHECK ("state" IN ('pending', 'published', 'withdrawn')),
                CONSTRAINT "pk_publications" PRIMARY KEY ("id")
            )
        `);
        // Public name search (substring, Chinese): trigram GIN, as for the entity directory.
        await queryRunner.query(`
            CREATE INDEX "ix_publications_entity_name_trgm" ON "publications" USING gin ("entity_name" gin_trgm_ops)
        `);
        // One current version per record.
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_publications_record_current" ON "publications" ("record_id") WHERE "current"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_publications_uscc" ON "publications" ("uscc")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_publications_draw" ON "publications" ("draw_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_publications_department_deadline" ON "publications" ("department_id", "deadline")
        `);
        await queryRunner.query(`
            ALTER TABLE "publications"
            ADD CONSTRAINT "fk_publications_record" FOREIGN KEY ("record_id") REFERENCES "check_records"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "publications" DROP CONSTRAINT "fk_publications_record"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_publications_department_deadline"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_publications_draw"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_publications_uscc"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_publications_record_current"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_publications_entity_name_trgm"
        `);
        await queryRunner.query(`
            DROP TABLE "publications"
        `);
    }

}
