import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
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
