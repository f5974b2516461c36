import { MigrationInterface, QueryRunner } from "typeorm";

export class Directories1795631821857 implements MigrationInterface {
    name = 'Directories1795631821857'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Trigram search on Chinese entity names (a trusted extension: no superuser needed on PG 13+).
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`
            CREATE TABLE "import_jobs" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "department_id" uuid NOT NULL,
                "kind" character varying(30) NOT NULL,
                "mode" character varying(20) NOT NULL,
                "format" character varying(10) NOT NULL,
                "file_name" character varying(255) NOT NULL,
                "file_sha256" character(64) NOT NULL,
                "file_size" bigint NOT NULL,
                "encoding" character varying(20),
                "state" character varying(20) NOT NULL DEFAULT 'queued',
                "rows_total" integer,
                "rows_done" integer NOT NULL DEFAULT '0',
                "rows_failed" integer NOT NULL DEFAULT '0',
                "inserted" integer NOT NULL DEFAULT '0',
                "updated" integer NOT NULL DEFAULT '0',
                "message" text,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "heartbeat_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_import_jobs_format" CHECK ("format" IN ('csv', 'xlsx')),
                CONSTRAINT "ck_import_jobs_state" CHECK (
                    "state" IN ('queued', 'running', 'succeeded', 'failed')
                ),
                CONSTRAINT "ck_import_jobs_mode" CHECK ("mode" IN ('all-or-nothing', 'valid-only')),
                CONSTRAINT "ck_import_jobs_kind" CHECK (
                    "kind" IN (
                        'entities',
                        'inspectors',
                        'inspector-trainings',
                        'inspector-exams',
                        'items'
                    )
                ),
                CONSTRAINT "pk_import_jobs" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_import_jobs_state" ON "import_jobs" ("state")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_import_jobs_department_kind_sha" ON "import_jobs" ("department_id", "kind", "file_sha256")
        `);
        await queryRunner.query(`
            CREATE TABLE "import_errors" (
                "id" BIGSERIAL NOT NULL,
                "job_id" uuid NOT NULL,
                "row_number" integer NOT NULL,
                "column" character varying(100),
                "value" text,
                "message" text NOT NULL,
                CONSTRAINT "pk_import_errors" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_import_errors_job_row" ON "import_errors" ("job_id", "row_number")
        `);
        await queryRunner.query(`
            CREATE TABLE "inspector_status_changes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "inspector_id" uuid NOT NULL,
                "status" character varying(20) NOT NULL,
                "reason" text NOT NULL,
                "effective_date" date NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_inspector_status_changes_status" CHECK ("status" IN ('active', 'suspended', 'revoked')),
                CONSTRAINT "pk_inspector_status_changes" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_inspector_status_changes_inspector_date" ON "inspector_status_changes" ("inspector_id", "effective_date")
        `);
        await queryRunner.query(`
            CREATE TABLE "inspector_trainings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "inspector_id" uuid NOT NULL,
                "date" date NOT NULL,
                "hours" numeric(6, 1) NOT NULL,
                "topic" character varying(200) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_inspector_trainings_inspector_date_topic" UNIQUE ("inspector_id", "date", "topic"),
                CONSTRAINT "ck_inspector_trainings_hours" CHECK (
                    "hours" > 0
                    AND "hours" <= 1000
                ),
                CONSTRAINT "pk_inspector_trainings" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_inspector_trainings_inspector_date" ON "inspector_trainings" ("inspector_id", "date")
        `);
        await queryRunner.query(`
            CREATE TABLE "inspector_exams" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "inspector_id" uuid NOT NULL,
                "year" integer NOT NULL,
                "passed" boolean NOT NULL,
                "score" numeric(5, 1),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_inspector_exams_inspector_year" UNIQUE ("inspector_id", "year"),
                CONSTRAINT "ck_inspector_exams_score" CHECK (
                    "score" IS NULL
                    OR (
                        "score" >= 0
                        AND "score" <= 100
                    )
                ),
                CONSTRAINT "pk_inspector_exams" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "inspectors" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "department_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL,
                "certificate_number" character varying(50) NOT NULL,
                "issuing_authority" character varying(200) NOT NULL,
                "certificate_valid_from" date NOT NULL,
                "certificate_valid_until" date NOT NULL,
                "domains" character varying(100) array NOT NULL DEFAULT '{}',
                "unit" character varying(100),
                "user_id" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_inspectors_user" UNIQUE ("user_id"),
                CONSTRAINT "uq_inspectors_certificate_number" UNIQUE ("certificate_number"),
                CONSTRAINT "ck_inspectors_certificate_period" CHECK (
                    "certificate_valid_until" >= "certificate_valid_from"
                ),
                CONSTRAINT "pk_inspectors" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_inspectors_certificate_valid_until" ON "inspectors" ("certificate_valid_until")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_inspectors_department" ON "inspectors" ("department_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "inspection_items" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "department_id" uuid NOT NULL,
                "code" character varying(50) NOT NULL,
                "current_version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_inspection_items_department_code" UNIQUE ("department_id", "code"),
                CONSTRAINT "pk_inspection_items" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "inspection_item_versions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "item_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "name" character varying(200) NOT NULL,
                "sub_items" jsonb NOT NULL DEFAULT '[]',
                "legal_basis" text NOT NULL,
                "category" character varying(10) NOT NULL,
                "target_type" character varying(100) NOT NULL,
                "method" character varying(20) NOT NULL,
                "enforcement_domain" character varying(100) NOT NULL,
                "default_ratios" jsonb NOT NULL,
                "frequency" character varying(100) NOT NULL,
                "target_filter" jsonb NOT NULL,
                "change_note" text,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_inspection_item_versions_item_version" UNIQUE ("item_id", "version"),
                CONSTRAINT "ck_inspection_item_versions_method" CHECK ("method" IN ('on_site', 'documentary', 'online')),
                CONSTRAINT "ck_inspection_item_versions_category" CHECK ("category" IN ('key', 'general')),
                CONSTRAINT "pk_inspection_item_versions" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_inspection_item_versions_item" ON "inspection_item_versions" ("item_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "entity_licences" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "entity_id" uuid NOT NULL,
                "type" character varying(100) NOT NULL,
                "number" character varying(100) NOT NULL,
                "valid_from" date,
                "valid_until" date,
                CONSTRAINT "uq_entity_licences_entity_type_number" UNIQUE ("entity_id", "type", "number"),
                CONSTRAINT "ck_entity_licences_period" CHECK (
                    "valid_until" IS NULL
                    OR "valid_from" IS NULL
                    OR "valid_until" >= "valid_from"
                ),
                CONSTRAINT "pk_entity_licences" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_entity_licences_type" ON "entity_licences" ("type")
        `);
        await queryRunner.query(`
            CREATE TABLE "entity_risk_classes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "entity_id" uuid NOT NULL,
                "risk_class" character(1) NOT NULL,
                "effective_from" date NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_entity_risk_classes_entity_effective" UNIQUE ("entity_id", "effective_from"),
                CONSTRAINT "ck_entity_risk_classes_class" CHECK ("risk_class" IN ('A', 'B', 'C', 'D')),
                CONSTRAINT "pk_entity_risk_classes" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "regulated_entities" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "department_id" uuid NOT NULL,
                "uscc" character varying(18) NOT NULL,
                "name" character varying(200) NOT NULL,
                "legal_representative" character varying(100),
                "registered_address" character varying(300),
                "district" character varying(100),
                "industry_code" character varying(20),
                "status" character varying(20) NOT NULL DEFAULT 'active',
                "contact_person" character varying(100),
                "contact_phone" character varying(40),
                "supervising_unit" character varying(100),
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_regulated_entities_department_uscc" UNIQUE ("department_id", "uscc"),
                CONSTRAINT "ck_regulated_entities_status" CHECK ("status" IN ('active', 'closed', 'deregistered')),
                CONSTRAINT "pk_regulated_entities" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_regulated_entities_department_industry" ON "regulated_entities" ("department_id", "industry_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_regulated_entities_department_status" ON "regulated_entities" ("department_id", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_regulated_entities_name_trgm" ON "regulated_entities" USING gin ("name" gin_trgm_ops)
        `);
        await queryRunner.query(`
            CREATE TABLE "declared_conflicts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "department_id" uuid NOT NULL,
                "inspector_id" uuid NOT NULL,
                "entity_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "source" character varying(30) NOT NULL,
                "valid_from" date NOT NULL,
                "valid_until" date,
                "created_by" uuid,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_reason" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_declared_conflicts_period" CHECK (
                    "valid_until" IS NULL
                    OR "valid_until" >= "valid_from"
                ),
                CONSTRAINT "ck_declared_conflicts_source" CHECK ("source" IN ('supervisor', 'entity_application')),
                CONSTRAINT "pk_declared_conflicts" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_declared_conflicts_department" ON "declared_conflicts" ("department_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_declared_conflicts_entity" ON "declared_conflicts" ("entity_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_declared_conflicts_inspector" ON "declared_conflicts" ("inspector_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "import_jobs"
            ADD CONSTRAINT "fk_import_jobs_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "import_errors"
            ADD CONSTRAINT "fk_import_errors_job" FOREIGN KEY ("job_id") REFERENCES "import_jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "inspector_status_changes"
            ADD CONSTRAINT "fk_inspector_status_changes_inspector" FOREIGN KEY ("inspector_id") REFERENCES "inspectors"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "inspector_trainings"
            ADD CONSTRAINT "fk_inspector_trainings_inspector" FOREIGN KEY ("inspector_id") REFERENCES "inspectors"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "inspector_exams"
            ADD CONSTRAINT "fk_inspector_exams_inspector" FOREIGN KEY ("inspector_id") REFERENCES "inspectors"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "inspectors"
            ADD CONSTRAINT "fk_inspectors_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "inspectors"
            ADD CONSTRAINT "fk_inspectors_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "inspection_items"
            ADD CONSTRAINT "fk_inspection_items_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "inspection_item_versions"
            ADD CONSTRAINT "fk_inspection_item_versions_item" FOREIGN KEY ("item_id") REFERENCES "inspection_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "entity_licences"
            ADD CONSTRAINT "fk_entity_licences_entity" FOREIGN KEY ("entity_id") REFERENCES "regulated_entities"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "entity_risk_classes"
            ADD CONSTRAINT "fk_entity_risk_classes_entity" FOREIGN KEY ("entity_id") REFERENCES "regulated_entities"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "regulated_entities"
            ADD CONSTRAINT "fk_regulated_entities_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "declared_conflicts"
            ADD CONSTRAINT "fk_declared_conflicts_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "declared_conflicts"
            ADD CONSTRAINT "fk_declared_conflicts_inspector" FOREIGN KEY ("inspector_id") REFERENCES "inspectors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "declared_conflicts"
            ADD CONSTRAINT "fk_declared_conflicts_entity" FOREIGN KEY ("entity_id") REFERENCES "regulated_entities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_regulated_entities_name_trgm"`);
        await queryRunner.query(`
            ALTER TABLE "declared_conflicts" DROP CONSTRAINT "fk_declared_conflicts_entity"
        `);
        await queryRunner.query(`
            ALTER TABLE "declared_conflicts" DROP CONSTRAINT "fk_declared_conflicts_inspector"
        `);
        await queryRunner.query(`
            ALTER TABLE "declared_conflicts" DROP CONSTRAINT "fk_declared_conflicts_department"
        `);
        await queryRunner.query(`
            ALTER TABLE "regulated_entities" DROP CONSTRAINT "fk_regulated_entities_department"
        `);
        await queryRunner.query(`
            ALTER TABLE "entity_risk_classes" DROP CONSTRAINT "fk_entity_risk_classes_entity"
        `);
        await queryRunner.query(`
            ALTER TABLE "entity_licences" DROP CONSTRAINT "fk_entity_licences_entity"
        `);
        await queryRunner.query(`
            ALTER TABLE "inspection_item_versions" DROP CONSTRAINT "fk_inspection_item_versions_item"
        `);
        await queryRunner.query(`
            ALTER TABLE "inspection_items" DROP CONSTRAINT "fk_inspection_items_department"
        `);
        await queryRunner.query(`
            ALTER TABLE "inspectors" DROP CONSTRAINT "fk_inspectors_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "inspectors" DROP CONSTRAINT "fk_inspectors_department"
        `);
        await queryRunner.query(`
            ALTER TABLE "inspector_exams" DROP CONSTRAINT "fk_inspector_exams_inspector"
        `);
        await queryRunner.query(`
            ALTER TABLE "inspector_trainings" DROP CONSTRAINT "fk_inspector_trainings_inspector"
        `);
        await queryRunner.query(`
            ALTER TABLE "inspector_status_changes" DROP CONSTRAINT "fk_inspector_status_changes_inspector"
        `);
        await queryRunner.query(`
            ALTER TABLE "import_errors" DROP CONSTRAINT "fk_import_errors_job"
        `);
        await queryRunner.query(`
            ALTER TABLE "import_jobs" DROP CONSTRAINT "fk_import_jobs_department"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_declared_conflicts_inspector"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_declared_conflicts_entity"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_declared_conflicts_department"
        `);
        await queryRunner.query(`
            DROP TABLE "declared_conflicts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_regulated_entities_department_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_regulated_entities_department_industry"
        `);
        await queryRunner.query(`
            DROP TABLE "regulated_entities"
        `);
        await queryRunner.query(`
            DROP TABLE "entity_risk_classes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_entity_licences_type"
        `);
        await queryRunner.query(`
            DROP TABLE "entity_licences"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_inspection_item_versions_item"
        `);
        await queryRunner.query(`
            DROP TABLE "inspection_item_versions"
        `);
        await queryRunner.query(`
            DROP TABLE "inspection_items"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_inspectors_department"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_inspectors_certificate_valid_until"
        `);
        await queryRunner.query(`
            DROP TABLE "inspectors"
        `);
        await queryRunner.query(`
            DROP TABLE "inspector_exams"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_inspector_trainings_inspector_date"
        `);
        await queryRunner.query(`
            DROP TABLE "inspector_trainings"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_inspector_status_changes_inspector_date"
        `);
        await queryRunner.query(`
            DROP TABLE "inspector_status_changes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_import_errors_job_row"
        `);
        await queryRunner.query(`
            DROP TABLE "import_errors"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_import_jobs_department_kind_sha"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_import_jobs_state"
        `);
        await queryRunner.query(`
            DROP TABLE "import_jobs"
        `);
        await queryRunner.query(`DROP EXTENSION IF EXISTS pg_trgm`);
    }

}
