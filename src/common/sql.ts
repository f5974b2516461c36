import type { Pool } from 'pg';
import { DataSource, EntityTarget, ObjectLiteral, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { ConflictError } from './errors';

/** Escapes LIKE wildcards so a user's % or _ matches itself; use with `ESCAPE '\'`. */
export function likeContains(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Optimistic concurrency: the row changes only if nobody changed it since the caller read `version`;
 * otherwise 409 VERSION_CONFLICT and nothing is written.
 */
export async function updateIfVersion<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, id: string, version: number, changes: Record<string, unknown>): Promise<void> {
  const result = await dataSource
    .createQueryBuilder()
    .update(target)
    .set({ ...changes, version: () => 'version + 1' } as never)
    .where('id = :id AND version = :version', { id, version })
    .execute();
  if (!result.affected) throw new ConflictError('VERSION_CONFLICT', '记录已被他人修改，请刷新后重试', [{ field: 'version' }]);
}

/**
 * One read-only statement straight on the pool behind TypeORM, without a query runner — for the
 * busiest public routes only, where the runner (acquire and release, broadcaster, logging, result
 * wrapping) costs about 35 µs a statement (bench:public). Failures are TypeORM's QueryFailedError,
 * as from `dataSource.query`. Never inside a transaction: it takes any free connection.
 *
 * `prepared`: run it as a named prepared statement, parsed once per connection instead of on every
 * call (PostgreSQL's parse and analysis were most of the cost of these small statements). Only for
 * texts built from a bounded set of shapes with every value a parameter.
 */
export async function poolQuery<T>(dataSource: DataSource, sql: string, params: unknown[], options: { prepared?: boolean } = {}): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  try {
    return (await pool.query({ text: sql, values: params, name: options.prepared ? statementName(sql) : undefined })).rows as T[];
  } catch (err) {
    // A migration by another instance changed a column the statement returns: PostgreSQL refuses the
    // statements prepared before it on every connection. New names for all; this call runs unnamed.
    if (options.prepared && (err as { code?: string }).code === '0A000') {
      generation += 1;
      statementNames.clear();
      return poolQuery<T>(dataSource, sql, params);
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
