import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Publication records (issue 15): the plan's record fixed at publication (canonical JSON, listed in
 * the open data and pushed through the outbox), a redraw's announcement (canonical JSON, likewise) and its full randomness rule (the named
 * public event and the witnesses' commitments besides the columns it already had).
 */
export class PublicationRecords1795740000000 implements MigrationInterface {
    name = 'PublicationRecords1795740000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "plans" ADD "publication_json" text`);
        await queryRunner.query(`ALTER TABLE "redraws" ADD "randomness_spec" jsonb`);
        await queryRunner.query(`ALTER TABLE "redraws" ADD "announcement_json" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "redraws" DROP COLUMN "announcement_json"`);
        await queryRunner.query(`ALTER TABLE "redraws" DROP COLUMN "randomness_spec"`);
        await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "publication_json"`);
    }
}
