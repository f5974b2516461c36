import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The public name search reads ix_publications_entity_name_trgm on every request. With GIN's
 * default fastupdate, new entries wait in a pending list that every search scans linearly until
 * VACUUM merges it: after a bulk load of 1,000,000 results that list (up to 4 MB) made each search
 * cost 1.6 ms of PostgreSQL instead of 0.05 ms (docs/benchmarks.md, bench:public). Publications
 * arrive one approval at a time, so inserting straight into the index costs nothing that matters.
 * The staff directory's index keeps fastupdate: bulk imports write a million names at once, and
 * the import merges the list when it ends.
 */
export class SearchIndexPendingList1795645757773 implements MigrationInterface {
    name = 'SearchIndexPendingList1795645757773'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER INDEX "ix_publications_entity_name_trgm" SET (fastupdate = off)`);
        // Turning it off does not flush what is already pending.
        await queryRunner.query(`SELECT gin_clean_pending_list('ix_publications_entity_name_trgm'::regclass)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER INDEX "ix_publications_entity_name_trgm" RESET (fastupdate)`);
    }
}
