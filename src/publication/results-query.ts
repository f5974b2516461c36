import { cappedCountSql, nameContains } from '../common/name-search';
import { PUBLIC_VISIBLE_SQL } from './publication.entity';

const COLUMNS = 'p.id, p.version, p.state, p.published_at, p.payload, p.correction_reason, p.withdrawn_reason, p.withdrawn_at';

/** What the search reads of PublicResultsQueryDto (validated there). */
export interface ResultsFilter {
  q?: string;
  uscc?: string;
  department?: string;
  item?: string;
  year?: number;
  resultCode?: string;
  from?: string;
  to?: string;
  sort: 'date_desc' | 'date_asc' | 'name';
  pageNumber: number;
  pageSize: number;
}

export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * The two statements of a public results search (the page and its count), framework-free so
 * bench:public's bare limit server sends exactly these. Every value a parameter, so each
 * combination of filters is one prepared statement. With a name fragment the count stops at
 * NAME_SEARCH_COUNT_CAP + 1 (name-search.ts).
 */
export function resultsStatements(q: ResultsFilter): { page: Statement; count: Statement; capped: boolean } {
  const params: unknown[] = [];
  const where = [PUBLIC_VISIBLE_SQL, 'p.current'];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.q) {
    const name = nameContains('p.entity_name', q.q, params.length + 1);
    params.push(...name.params);
    where.push(name.sql);
  }
  if (q.uscc) add((n) => `p.uscc = ${n}`, q.uscc);
  if (q.department) add((n) => `p.department_id = ${n}::uuid`, q.department);
  if (q.item) add((n) => `${n} = ANY(p.item_codes)`, q.item);
  if (q.year) {
    add((n) => `p.check_date >= ${n}::date`, `${q.year}-01-01`);
    add((n) => `p.check_date < ${n}::date`, `${q.year + 1}-01-01`);
  }
  if (q.resultCode) add((n) => `${n} = ANY(p.result_codes)`, q.resultCode);
  if (q.from) add((n) => `p.check_date >= ${n}::date`, q.from);
  if (q.to) add((n) => `p.check_date <= ${n}::date`, q.to);
  const order = q.sort === 'name' ? 'p.entity_name ASC, p.check_date DESC' : `p.check_date ${q.sort === 'date_asc' ? 'ASC' : 'DESC'}, p.entity_name ASC`;
  const filter = where.join(' AND ');
  const limit = `LIMIT $${params.length + 1} OFFSET $${params.length + 2}`;
  const capped = Boolean(q.q);
  return {
    page: { sql: `SELECT ${COLUMNS} FROM publications p WHERE ${filter} ORDER BY ${order}, p.id ASC ${limit}`, params: [...params, q.pageSize, (q.pageNumber - 1) * q.pageSize] },
    count: { sql: capped ? cappedCountSql(`SELECT 1 FROM publications p WHERE ${filter}`) : `SELECT count(*)::int AS n FROM publications p WHERE ${filter}`, params },
    capped,
  };
}
