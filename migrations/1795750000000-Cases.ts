import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Cases (立案, issue 16): the case, its investigation notes, the per-department per-year number
 * counter, and legal reviews of a case's proposed decision (legal_reviews.case_id / case_version).
 */
export class Cases1795750000000 implements MigrationInterface {
    name = 'Cases1795750000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "department_id" uuid NOT NULL, "number" character varying(80) NOT NULL, "year" integer NOT NULL, "seq" integer NOT NULL, "source" character varying(30) NOT NULL, "source_description" text, "record_id" uuid, "party_name" character varying(200) NOT NULL, "party_uscc" character varying(18), "title" character varying(300) NOT NULL, "legal_provisions" text array NOT NULL, "state" character varying(20) NOT NULL, "opened_on" date NOT NULL, "opened_by" uuid NOT NULL, "filed_on" date, "approved_by" uuid, "rejection_reason" text, "decision" jsonb, "decided_on" date, "decided_by" uuid, "publication_deadline" date, "published_at" TIMESTAMP WITH TIME ZONE, "closed_on" date, "closed_by" uuid, "closing_note" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_cases_number" UNIQUE ("number"), CONSTRAINT "uq_cases_department_year_seq" UNIQUE ("department_id", "year", "seq"), CONSTRAINT "ck_cases_state" CHECK ("state" IN ('pending_approval', 'not_filed', 'investigating', 'proposed', 'decided', 'closed')), CONSTRAINT "ck_cases_source" CHECK ("source" IN ('check_record', 'complaint', 'referral', 'other_inspection', 'other')), CONSTRAINT "ck_cases_source_record" CHECK (("source" = 'check_record') = ("record_id" IS NOT NULL)), CONSTRAINT "pk_cases" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_cases_department_state" ON "cases" ("department_id", "state") `);
        await queryRunner.query(`CREATE INDEX "ix_cases_record" ON "cases" ("record_id") `);
        await queryRunner.query(`CREATE TABLE "case_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "noted_on" date NOT NULL, "content" text NOT NULL, "author_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_case_notes" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_case_notes_case" ON "case_notes" ("case_id") `);
        await queryRunner.query(`CREATE TABLE "case_number_counters" ("department_id" uuid NOT NULL, "year" integer NOT NULL, "last_seq" integer NOT NULL, CONSTRAINT "pk_case_number_counters" PRIMARY KEY ("department_id", "year"))`);
        await queryRunner.query(`ALTER TABLE "legal_reviews" ADD "case_id" uuid`);
        await queryRunner.query(`ALTER TABLE "legal_reviews" ADD "case_version" integer`);
        await queryRunner.query(`CREATE INDEX "ix_legal_reviews_case" ON "legal_reviews" ("case_id") `);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_record" FOREIGN KEY ("record_id") REFERENCES "check_records"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_notes" ADD CONSTRAINT "fk_case_notes_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "legal_reviews" ADD CONSTRAINT "fk_legal_reviews_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "legal_reviews" DROP CONSTRAINT "fk_legal_reviews_case"`);
        await queryRunner.query(`ALTER TABLE "case_notes" DROP CONSTRAINT "fk_case_notes_case"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_record"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_department"`);
        await queryRunner.query(`DROP INDEX "public"."ix_legal_reviews_case"`);
        await queryRunner.query(`ALTER TABLE "legal_reviews" DROP COLUMN "case_version"`);
        await queryRunner.query(`ALTER TABLE "legal_reviews" DROP COLUMN "case_id"`);
        await queryRunner.query(`DROP TABLE "case_number_counters"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_notes_case"`);
        await queryRunner.query(`DROP TABLE "case_notes"`);
        await queryRunner.query(`DROP INDEX "public"."ix_cases_record"`);
        await queryRunner.query(`DROP INDEX "public"."ix_cases_department_state"`);
        await queryRunner.query(`DROP TABLE "cases"`);
    }
}
