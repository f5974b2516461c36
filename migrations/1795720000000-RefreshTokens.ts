import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Browser sessions (issue 13): rotating refresh tokens, sent as an httpOnly cookie to /auth only.
 * Owned by the auth module. Only the SHA-256 of each token is stored; a family is one login.
 */
export class RefreshTokens1795720000000 implements MigrationInterface {
    name = 'RefreshTokens1795720000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" character(64) NOT NULL,
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "purge_after" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "uq_refresh_tokens_token_hash" UNIQUE ("token_hash"),
                CONSTRAINT "pk_refresh_tokens" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_family_id" ON "refresh_tokens" ("family_id")`);
        await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_user_id" ON "refresh_tokens" ("user_id")`);
        await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_purge_after" ON "refresh_tokens" ("purge_after")`);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "fk_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "fk_refresh_tokens_user"`);
        await queryRunner.query(`DROP INDEX "ix_refresh_tokens_purge_after"`);
        await queryRunner.query(`DROP INDEX "ix_refresh_tokens_user_id"`);
        await queryRunner.query(`DROP INDEX "ix_refresh_tokens_family_id"`);
        await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    }
}
