import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Accounts under attack (issue 12 §5). The per-account lock (users.failed_logins / locked_until:
 * five wrong passwords from anyone locked any account, admin included) gives way to the login
 * throttle of the auth module: failures per (username, address) with growing delays, the addresses
 * each account logged in from, and the throttles that started, for administrators. Tokens carry
 * users.token_version, raised on password change, deactivation and role change.
 */
export class LoginThrottleAndTokenVersion1795652000000 implements MigrationInterface {
    name = 'LoginThrottleAndTokenVersion1795652000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "failed_logins"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "locked_until"`);
        await queryRunner.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`
            CREATE TABLE "login_throttles" (
                "username" character varying(64) NOT NULL,
                "address" character varying(64) NOT NULL,
                "failures" integer NOT NULL DEFAULT '0',
                "refused" integer NOT NULL DEFAULT '0',
                "last_failure_at" TIMESTAMP WITH TIME ZONE,
                "blocked_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_login_throttles" PRIMARY KEY ("username", "address")
            )
        `);
        await queryRunner.query(`CREATE INDEX "ix_login_throttles_last_failure_at" ON "login_throttles" ("last_failure_at")`);
        await queryRunner.query(`
            CREATE TABLE "login_known_addresses" (
                "user_id" uuid NOT NULL,
                "address" character varying(64) NOT NULL,
                "last_success_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_login_known_addresses" PRIMARY KEY ("user_id", "address")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "login_known_addresses"
            ADD CONSTRAINT "fk_login_known_addresses_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            CREATE TABLE "login_lock_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" character varying(10) NOT NULL,
                "username" character varying(64),
                "address" character varying(64) NOT NULL,
                "failures" integer NOT NULL,
                "blocked_until" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_login_lock_events_kind" CHECK ("kind" IN ('address', 'account')),
                CONSTRAINT "pk_login_lock_events" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`CREATE INDEX "ix_login_lock_events_created_at" ON "login_lock_events" ("created_at")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "ix_login_lock_events_created_at"`);
        await queryRunner.query(`DROP TABLE "login_lock_events"`);
        await queryRunner.query(`ALTER TABLE "login_known_addresses" DROP CONSTRAINT "fk_login_known_addresses_user"`);
        await queryRunner.query(`DROP TABLE "login_known_addresses"`);
        await queryRunner.query(`DROP INDEX "ix_login_throttles_last_failure_at"`);
        await queryRunner.query(`DROP TABLE "login_throttles"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
        await queryRunner.query(`ALTER TABLE "users" ADD "locked_until" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "users" ADD "failed_logins" integer NOT NULL DEFAULT '0'`);
    }
}
