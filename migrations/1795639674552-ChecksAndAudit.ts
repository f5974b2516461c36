import { MigrationInterface, QueryRunner } from "typeorm";

export class ChecksAndAudit1795639674552 implements MigrationInterface {
    name = 'ChecksAndAudit1795639674552'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "seq" bigint NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_id" uuid,
                "action" character varying(60) NOT NULL,
                "subject_type" character varying(40) NOT NULL,
                "subject_id" character varying(64) NOT NULL,
                "before_hash" character(64),
                "after_hash" character(64),
                "details" jsonb NOT NULL,
                "prev_hash" character(64) NOT NULL,
                "hash" character(64) NOT NULL,
                CONSTRAINT "pk_audit_events" PRIMARY KEY ("seq")
            )
        `);
        // Append-only whoever asks: UPDATE, DELETE and TRUNCATE are refused (the hash chain and the
        // published head detect what a superuser could still do with the triggers disabled).
        await queryRunner.query(`
            CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'audit_events is append-only' USING DETAIL = TG_OP || ' refused', HINT = 'Record a new event instead.';
            END;
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
        `);
        await queryRunner.query(`
            CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()
        `);
        // Administrators' additions to the bundled holiday calendar.
        await queryRunner.query(`
            CREATE TABLE "calendar_days" (
                "date" date NOT NULL,
                "kind" character varying(10) NOT NULL,
                "name" character varying(100) NOT NULL,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_calendar_days_kind" CHECK ("kind" IN ('holiday', 'workday')),
                CONSTRAINT "pk_calendar_days" PRIMARY KEY ("date")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "calendar_years" (
                "year" integer NOT NULL,
                "source" character varying(300) NOT NULL,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_calendar_years_year" CHECK (
                    "year" BETWEEN 2000 AND 2100
                ),
                CONSTRAINT "pk_calendar_years" PRIMARY KEY ("year")
            )
        `);
        // Substitutions after a draw, in order: public, beside the (immutable) result.
        await queryRunner.query(`
            ALTER TABLE "draws"
            ADD "substitutions" json NOT NULL DEFAULT '[]'
        `);
        // "My tasks": team @> '[{"inspectorId": …}]'.
        await queryRunner.query(`
            CREATE INDEX "ix_tasks_team" ON "tasks" USING gin ("team" jsonb_path_ops)
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_events_subject" ON "audit_events" ("subject_type", "subject_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_audit_events_hash" ON "audit_events" ("hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "check_records" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "task_id" uuid NOT NULL,
                "department_id" uuid NOT NULL,
                "state" character varying(20) NOT NULL DEFAULT 'in_progress',
                "check_date" date,
                "place" character varying(300),
                "inspectors_present" jsonb NOT NULL DEFAULT '[]',
                "representative" jsonb,
                "findings" jsonb NOT NULL DEFAULT '[]',
                "result_codes" character varying(40) array NOT NULL DEFAULT '{}',
                "remarks" text,
                "major_decision" jsonb,
                "return_reason" text,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "approved_at" TIMESTAMP WITH TIME ZONE,
                "approved_by" uuid,
                "created_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_check_records_task" UNIQUE ("task_id"),
                CONSTRAINT "ck_check_records_state" CHECK (
                    "state" IN (
                        'in_progress',
                        'submitted',
                        'returned',
                        'approved',
                        'published'
                    )
                ),
                CONSTRAINT "pk_check_records" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_check_records_department_state" ON "check_records" ("department_id", "state")
        `);
        await queryRunner.query(`
            CREATE TABLE "evidence_files" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "record_id" uuid NOT NULL,
                "sha256" character(64) NOT NULL,
                "media_type" character varying(60) NOT NULL,
                "size_bytes" bigint NOT NULL,
                "original_name" character varying(255) NOT NULL,
                "uploaded_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_evidence_files_record_sha256" UNIQUE ("record_id", "sha256"),
                CONSTRAINT "pk_evidence_files" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "rectification_orders" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "record_id" uuid NOT NULL,
                "department_id" uuid NOT NULL,
                "requirement" text NOT NULL,
                "working_days" integer NOT NULL,
                "issued_on" date NOT NULL,
                "due_on" date NOT NULL,
                "followed_up_on" date,
                "rectified" boolean,
                "follow_up_note" text,
                "created_by" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_rectification_orders_days" CHECK (
                    "working_days" BETWEEN 1 AND 365
                ),
                CONSTRAINT "pk_rectification_orders" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_rectification_orders_department_due" ON "rectification_orders" ("department_id", "due_on")
        `);
        await queryRunner.query(`
            CREATE TABLE "idempotency_keys" (
                "user_id" uuid NOT NULL,
                "key" character varying(100) NOT NULL,
                "scope" character varying(200) NOT NULL,
                "request_hash" character(64) NOT NULL,
                "status" integer NOT NULL,
                "response" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_idempotency_keys" PRIMARY KEY ("user_id", "key")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "legal_reviews" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "department_id" uuid NOT NULL,
                "kind" character varying(40) NOT NULL,
                "record_id" uuid,
                "record_version" integer,
                "title" character varying(300) NOT NULL,
                "reviewer_id" uuid,
                "reviewer_name" character varying(100) NOT NULL,
                "opinion" text NOT NULL,
                "decision" character varying(10) NOT NULL,
                "reasons" text,
                "reviewed_on" date NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_legal_reviews_reasons" CHECK (
                    "decision" = 'pass'
                    OR "reasons" IS NOT NULL
                ),
                CONSTRAINT "ck_legal_reviews_decision" CHECK ("decision" IN ('pass', 'return')),
                CONSTRAINT "ck_legal_reviews_kind" CHECK (
                    "kind" IN (
                        'major_administrative_decision',
                        'major_enforcement_decision',
                        'normative_document'
                    )
                ),
                CONSTRAINT "pk_legal_reviews" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_legal_reviews_record" ON "legal_reviews" ("record_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_legal_reviews_department_date" ON "legal_reviews" ("department_id", "reviewed_on")
        `);
        await queryRunner.query(`
            ALTER TABLE "check_records"
            ADD CONSTRAINT "fk_check_records_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence_files"
            ADD CONSTRAINT "fk_evidence_files_record" FOREIGN KEY ("record_id") REFERENCES "check_records"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "rectification_orders"
            ADD CONSTRAINT "fk_rectification_orders_record" FOREIGN KEY ("record_id") REFERENCES "check_records"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "legal_reviews"
            ADD CONSTRAINT "fk_legal_reviews_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "legal_reviews"
            ADD CONSTRAINT "fk_legal_reviews_record" FOREIGN KEY ("record_id") REFERENCES "check_records"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "calendar_years"
        `);
        await queryRunner.query(`
            DROP TABLE "calendar_days"
        `);

        await queryRunner.query(`
            ALTER TABLE "legal_reviews" DROP CONSTRAINT "fk_legal_reviews_record"
        `);
        await queryRunner.query(`
            ALTER TABLE "legal_reviews" DROP CONSTRAINT "fk_legal_reviews_department"
        `);
        await queryRunner.query(`
            ALTER TABLE "rectification_orders" DROP CONSTRAINT "fk_rectification_orders_record"
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence_files" DROP CONSTRAINT "fk_evidence_files_record"
        `);
        await queryRunner.query(`
            ALTER TABLE "check_records" DROP CONSTRAINT "fk_check_records_task"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_legal_reviews_department_date"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_legal_reviews_record"
        `);
        await queryRunner.query(`
            DROP TABLE "legal_reviews"
        `);
        await queryRunner.query(`
            DROP TABLE "idempotency_keys"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_rectification_orders_department_due"
        `);
        await queryRunner.query(`
            DROP TABLE "rectification_orders"
        `);
        await queryRunner.query(`
            DROP TABLE "evidence_files"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_check_records_department_state"
        `);
        await queryRunner.query(`
            DROP TABLE "check_records"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_audit_events_hash"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_subject"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_tasks_team"
        `);
        await queryRunner.query(`
            ALTER TABLE "draws" DROP COLUMN "substitutions"
        `);
        await queryRunner.query(`
            DROP TRIGGER audit_events_no_truncate ON audit_events
        `);
        await queryRunner.query(`
            DROP TRIGGER audit_events_no_update_delete ON audit_events
        `);
        await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
        await queryRunner.query(`
            DROP FUNCTION audit_events_append_only()
        `);
    }

}
