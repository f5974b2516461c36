import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Short name searches (issue 19, ADR 0024): pg_trgm extracts no trigram from a one- or
 * two-character fragment, so `name ILIKE '%天津%'` read the whole trigram index (≈ 1 s at 1M
 * results). `name_grams` gives a name's characters and character pairs (lower-cased, as ILIKE
 * compares), a GIN index holds them, and the searches ask `name_grams(name) @> name_search_grams(q)`
 * before the unchanged ILIKE: every name ILIKE matches holds all the fragment's pairs, so results
 * are the same. Plain SQL and plpgsql (no extension beyond contrib).
 *
 * plpgsql, not a SQL function over generate_series: twice as fast to compute (it runs on every
 * insert and for the index build). COST 500 tells the planner it is not free, so it reads the
 * index instead of computing it row by row in a scan (measured: the capped count of 「有限」).
 */
export class NameBigramSearch1795780000000 implements MigrationInterface {
    name = 'NameBigramSearch1795780000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE FUNCTION name_grams(s text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 500 AS $$
            DECLARE
                l text := lower(s);
                r text[] := string_to_array(l, NULL);
            BEGIN
                FOR i IN 1 .. char_length(l) - 1 LOOP
                    r := r || substr(l, i, 2);
                END LOOP;
                RETURN r;
            END $$`);
        // The keys a fragment must find: its one character, or its character pairs (a pair is far
        // more selective than either of its characters, and the index intersects fewer lists).
        await queryRunner.query(`
            CREATE FUNCTION name_search_grams(q text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
            DECLARE
                l text := lower(q);
                r text[] := '{}';
            BEGIN
                IF char_length(l) < 2 THEN
                    RETURN string_to_array(l, NULL);
                END IF;
                FOR i IN 1 .. char_length(l) - 1 LOOP
                    r := r || substr(l, i, 2);
                END LOOP;
                RETURN r;
            END $$`);
        // Publications arrive one approval at a time: no pending list (see SearchIndexPendingList).
        await queryRunner.query(`CREATE INDEX "ix_publications_entity_name_grams" ON "publications" USING gin (name_grams("entity_name")) WITH (fastupdate = off)`);
        await queryRunner.query(`CREATE INDEX "ix_regulated_entities_name_grams" ON "regulated_entities" USING gin (name_grams("name"))`);
        // The public results' default order: a fragment in nearly every name (「有限公司」) pages by
        // walking this index and stopping after a page, instead of sorting every match (1.9 s at
        // 200,000 results without it).
        await queryRunner.query(`CREATE INDEX "ix_publications_public_order" ON "publications" ("check_date" DESC, "entity_name", "id") WHERE "current"`);
        await queryRunner.query(`ANALYZE "publications"`);
        await queryRunner.query(`ANALYZE "regulated_entities"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_publications_public_order"`);
        await queryRunner.query(`DROP INDEX "public"."ix_regulated_entities_name_grams"`);
        await queryRunner.query(`DROP INDEX "public"."ix_publications_entity_name_grams"`);
        await queryRunner.query(`DROP FUNCTION name_search_grams(text)`);
        await queryRunner.query(`DROP FUNCTION name_grams(text)`);
    }
}
