import { likeContains } from './sql';

/**
 * Name "contains" searches (public results, the directory), one rule for both (ADR 0024).
 *
 * Semantics never change: the condition is always `name ILIKE '%q%'` with q's % _ \ escaped. What
 * changes is which index finds the candidates. pg_trgm only helps when the fragment holds a run of
 * three word characters (it extracts no trigram otherwise and reads its whole index: ≈ 1 s at 1M
 * names for two Chinese characters); such fragments get the character-pair index first
 * (`name_grams(name) @> name_search_grams(q)`, migration NameBigramSearch), which never drops a
 * name the ILIKE keeps. Longer fragments stay on the trigram index: as fast, and no function to
 * compute per candidate.
 */

/**
 * Above this many matches a name search counts no further and says "more than": 50 pages of 20,
 * more than anyone reads; counting 1,001 names through ILIKE costs ≈ 10 ms on a loaded machine
 * (10,001: ≈ 100 ms), and a fragment in every name then pages and counts in milliseconds.
 */
export const NAME_SEARCH_COUNT_CAP = 1_000;

/** Whether pg_trgm can serve `ILIKE '%q%'` from its index: a run of 3 letters or digits. */
export function trigramServes(q: string): boolean {
  return /[\p{L}\p{N}]{3}/u.test(q);
}

/**
 * The SQL condition for "column contains q" and its parameters, numbered from `firstParam`
 * ($n placeholders, for plain SQL). Two shapes only (trigram or pairs), so prepared statements stay few.
 */
export function nameContains(column: string, q: string, firstParam: number): { sql: string; params: string[] } {
  const sql = conditionSql(column, q, `$${firstParam}`, `$${firstParam + 1}`);
  return { sql, params: trigramServes(q) ? [likeContains(q)] : [likeContains(q), q] };
}

/** The same condition with TypeORM's named parameters (:nameLike, :nameText). */
export function nameContainsNamed(column: string, q: string): { sql: string; params: { nameLike: string; nameText: string } } {
  return { sql: conditionSql(column, q, ':nameLike', ':nameText'), params: { nameLike: likeContains(q), nameText: q } };
}

function conditionSql(column: string, q: string, like: string, text: string): string {
  const ilike = `${column} ILIKE ${like} ESCAPE '\\'`;
  return trigramServes(q) ? ilike : `name_grams(${column}) @> name_search_grams(CAST(${text} AS text)) AND ${ilike}`;
}

/**
 * A count that stops at the cap: `SELECT count(*)` over at most cap + 1 rows of `select` (a
 * SELECT without ORDER BY or LIMIT). A fragment in every name (「有限公司」) otherwise counts the
 * whole table on every page.
 */
export function cappedCountSql(select: string): string {
  return `SELECT count(*)::int AS n FROM (${select} LIMIT ${NAME_SEARCH_COUNT_CAP + 1}) capped`;
}

/** totalCount and totalCountCapped from a capped count. */
export function cappedTotal(n: number): { totalCount: number; totalCountCapped: boolean } {
  return n > NAME_SEARCH_COUNT_CAP ? { totalCount: NAME_SEARCH_COUNT_CAP, totalCountCapped: true } : { totalCount: n, totalCountCapped: false };
}
