import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795630610007 implements MigrationInterface {
    name = 'Foundation1795630610007'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "departments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" character varying(32) NOT NULL,
                "name" character varying(100) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_departments_name" UNIQUE ("name"),
                CONSTRAINT "uq_departments_code" UNIQUE ("code"),
                CONSTRAINT "pk_departments" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "username" character varying(64) NOT NULL,
                "display_name" character varying(100) NOT NULL,
                "password_hash" character varying(255) NOT NULL,
                "role" character varying(20) NOT NULL,
                "department_id" uuid,
                "active" boolean NOT NULL DEFAULT true,
                "failed_logins" integer NOT NULL DEFAULT '0',
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_users_username" UNIQUE ("username"),
                CONSTRAINT "ck_users_department_required" CHECK (
                    "role" = 'admin'
                    OR "department_id" IS NOT NULL
                ),
                CONSTRAINT "ck_users_role" CHECK (
                    "role" IN (
                        'admin',
                        'supervisor',
                        'inspector',
                        'legal_reviewer'
                    )
                ),
                CONSTRAINT "ck_users_username_lower" CHECK ("username" = lower("username")),
                CONSTRAINT "pk_users" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_users_department_id" ON "users" ("department_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "fk_users_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "fk_users_department"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_users_department_id"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP TABLE "departments"
        `);
    }

}
