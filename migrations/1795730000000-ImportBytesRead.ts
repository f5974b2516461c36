import { MigrationInterface, QueryRunner } from "typeorm";

/** How much of an import's file has been read: the console's progress bar while the job runs. */
export class ImportBytesRead1795730000000 implements MigrationInterface {
    name = 'ImportBytesRead1795730000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "import_jobs" ADD "bytes_read" bigint NOT NULL DEFAULT 0`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "import_jobs" DROP COLUMN "bytes_read"`);
    }
}
