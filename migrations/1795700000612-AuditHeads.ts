import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * One published audit-chain head per day (China time): kept in the open-data feed and pushed to the
 * supervision platforms, so a later rewrite or truncation of the chain contradicts what others kept.
 * The day is the primary key: two instances cannot record (and push) a day twice. Append-only.
 */
export class AuditHeads1795700000612 implements MigrationInterface {
    name = 'AuditHeads1795700000612'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "audit_heads" (
                "day" date NOT NULL,
                "seq" bigint NOT NULL,
                "hash" character(64) NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_audit_heads" PRIMARY KEY ("day")
            )
        `);
        await queryRunner.query(`
            CREATE FUNCTION audit_heads_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'audit_heads is append-only' USING DETAIL = TG_OP || ' refused';
            END $$
        `);
        await queryRunner.query(`CREATE TRIGGER audit_heads_no_update_delete BEFORE UPDATE OR DELETE ON audit_heads FOR EACH ROW EXECUTE FUNCTION audit_heads_append_only()`);
        await queryRunner.query(`CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads FOR EACH STATEMENT EXECUTE FUNCTION audit_heads_append_only()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "audit_heads"`);
        await queryRunner.query(`DROP FUNCTION audit_heads_append_only()`);
    }
}
