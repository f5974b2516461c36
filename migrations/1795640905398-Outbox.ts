import { MigrationInterface, QueryRunner } from "typeorm";

export class Outbox1795640905398 implements MigrationInterface {
    name = 'Outbox1795640905398'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "outbox_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" character varying(40) NOT NULL,
                "publication_id" uuid,
                "payload" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_outbox_events" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "outbox_deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "endpoint" character varying(100) NOT NULL,
                "state" character varying(20) NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_status" integer,
                "last_error" text,
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_outbox_deliveries_event_endpoint" UNIQUE ("event_id", "endpoint"),
                CONSTRAINT "ck_outbox_deliveries_state" CHECK ("state" IN ('pending', 'delivered', 'dead')),
                CONSTRAINT "pk_outbox_deliveries" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_outbox_deliveries_due" ON "outbox_deliveries" ("state", "next_attempt_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_deliveries"
            ADD CONSTRAINT "fk_outbox_deliveries_event" FOREIGN KEY ("event_id") REFERENCES "outbox_events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "outbox_deliveries" DROP CONSTRAINT "fk_outbox_deliveries_event"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_deliveries_due"
        `);
        await queryRunner.query(`
            DROP TABLE "outbox_deliveries"
        `);
        await queryRunner.query(`
            DROP TABLE "outbox_events"
        `);
    }

}
