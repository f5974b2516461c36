import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryFailedError } from 'typeorm';
import { ConflictError } from './errors';

/** Escapes LIKE wildcards so a user's % or _ matches itself; use with `ESCAPE '\'`. */
export function likeContains(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Optimistic concurrency: the row changes only if nobody changed it since the caller read `version`;
 * otherwise 409 VERSION_CONFLICT and nothing is written.
 */
export async function updateIfVersion<T extends ObjectLiteral>(dataSource: DataSource | EntityManager, target: EntityTarget<T>, id: string, version: number, changes: Record<string, unknown>): Promise<void> {
  const result = await dataSource
    .createQueryBuilder()
    .update(target)
    .set({ ...changes, version: () => 'version + 1' } as never)
    .where('id = :id AND version = :version', { id, version })
    .execute();
  if (!result.affected) throw new ConflictError('VERSION_CONFLICT', '记录已被他人修改，请刷新后重试', [{ field: 'version' }]);
}

/** What `preparedQuery` needs of a pg pool or client. */
export interface Queryable {
  query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: unknown[] }>;
}

/**
 * One statement as a named prepared statement — parsed once per connection instead of on every
 * call (PostgreSQL's parse and analysis were most of the cost of the public search's small
 * statements, bench:public). Only for texts built from a bounded set of shapes with every value a
 * parameter. Failures are TypeORM's QueryFailedError, as from `dataSource.query`, so the one error
 * filter maps them.
 */
export async function preparedQuery<T>(pool: Queryable, sql: string, params: unknown[], prepared = true): Promise<T[]> {
  try {
    return (await pool.query({ text: sql, values: params, name: prepared ? statementName(sql) : undefined })).rows as T[];
  } catch (err) {
    // A migration by another instance changed a column the statement returns: PostgreSQL refuses the
    // statements prepared before it on every connection. New names for all; this call runs unnamed.
    if (prepared && (err as { code?: string }).code === '0A000') {
      generation += 1;
      statementNames.clear();
      return preparedQuery<T>(pool, sql, params, false);
    }
    throw new QueryFailedError(sql, params, err as Error);
  }
}

const MAX_PREPARED = 2_000;
const statementNames = new Map<string, string>();
let generation = 0;

/** A stable name per statement text; past MAX_PREPARED texts, none (unnamed), so a bug building texts cannot fill the server's memory. */
function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_PREPARED) {
    name = `ssgk_${generation}_${statementNames.size}`;
    statementNames.set(sql, name);
  }
  return name;
}
