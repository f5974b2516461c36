import { MigrationInterface, QueryRunner } from "typeorm";

/** The register of 行政规范性文件 themselves (issue 16 §7), beside the register of legal reviews. */
export class NormativeDocuments1795770000002 implements MigrationInterface {
    name = 'NormativeDocuments1795770000002'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "normative_documents" (
            "id" uuid NOT NULL DEFAULT gen_random_uuid(),
            "department_id" uuid NOT NULL,
            "title" character varying(300) NOT NULL,
            "document_number" character varying(100) NOT NULL,
            "issued_on" date NOT NULL,
            "effective_from" date NOT NULL,
            "expires_on" date,
            "legal_review_id" uuid NOT NULL,
            "published_on" date,
            "publication_channel" character varying(200),
            "created_by" uuid,
            "version" integer NOT NULL DEFAULT '1',
            "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
            "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
            CONSTRAINT "uq_normative_documents_department_number" UNIQUE ("department_id", "document_number"),
            CONSTRAINT "ck_normative_documents_effective" CHECK ("effective_from" >= "issued_on"),
            CONSTRAINT "ck_normative_documents_expiry" CHECK ("expires_on" IS NULL OR "expires_on" >= "effective_from"),
            CONSTRAINT "pk_normative_documents" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_normative_documents_department_issued" ON "normative_documents" ("department_id", "issued_on")`);
        await queryRunner.query(`ALTER TABLE "normative_documents" ADD CONSTRAINT "fk_normative_documents_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "normative_documents" ADD CONSTRAINT "fk_normative_documents_legal_review" FOREIGN KEY ("legal_review_id") REFERENCES "legal_reviews"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "normative_documents"`);
    }
}
