import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Covering indexes for the annual report (issue 7, docs/annual-report.md): each figure family reads
 * the year's rows of one department from an index alone (index-only scans) instead of the wide
 * heap rows (teams, findings and payloads are stored inline). Written by hand: TypeORM cannot
 * express INCLUDE columns or the partial predicate; declared with synchronize: false on the
 * entities of the tables.
 */
export class ReportIndexes1795642377941 implements MigrationInterface {
    name = 'ReportIndexes1795642377941'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // A department's tasks whose window ends on or after a date: the records' entities, the drawn entities, merged visits.
        await queryRunner.query(`
            CREATE INDEX "ix_tasks_report" ON "tasks" ("department_id", "window_end") INCLUDE ("window_start", "id", "plan_id", "entity_id", "uscc", "state")
        `);
        // A department's check records by date: counts, result codes, the task of each.
        await queryRunner.query(`
            CREATE INDEX "ix_check_records_report" ON "check_records" ("department_id", "check_date") INCLUDE ("task_id", "state", "result_codes")
        `);
        // The few with a non-compliant finding ("problems found"), without reading the findings of all.
        await queryRunner.query(`
            CREATE INDEX "ix_check_records_report_problems" ON "check_records" ("department_id", "check_date") INCLUDE ("task_id")
            WHERE "state" IN ('approved', 'published') AND "findings" @> '[{"compliant": false}]'
        `);
        // A department's publications by check date: published, on time, pending, and the outbox join.
        await queryRunner.query(`
            CREATE INDEX "ix_publications_report" ON "publications" ("department_id", "check_date") INCLUDE ("id", "version", "state", "published_at", "deadline")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_publications_report"`);
        await queryRunner.query(`DROP INDEX "public"."ix_check_records_report_problems"`);
        await queryRunner.query(`DROP INDEX "public"."ix_check_records_report"`);
        await queryRunner.query(`DROP INDEX "public"."ix_tasks_report"`);
    }

}
