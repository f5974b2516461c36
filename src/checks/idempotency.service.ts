import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/roles';
import { BadRequestError, ConflictError } from '../common/errors';
import { stateHash } from '../audit/audit-chain';
import { IdempotencyKey } from './check-record.entity';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

/**
 * Runs a write once per (user, Idempotency-Key): the key row is inserted in the same transaction as
 * the write, so a concurrent retry waits on the unique key and then reads the stored answer. A
 * failed write stores nothing (the retry runs again). Without a key the write simply runs.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(user: AuthUser, key: string | undefined, scope: string, request: unknown, write: (em: EntityManager) => Promise<T>): Promise<T> {
    if (key === undefined) return this.dataSource.transaction(write);
    if (!KEY_PATTERN.test(key)) throw new BadRequestError('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 须为 8–100 个字母、数字或 _.:- 字符', [{ field: 'Idempotency-Key' }]);
    const requestHash = stateHash(request ?? null);
    const outcome = await this.dataSource.transaction(async (em): Promise<{ fresh: true; result: T } | { fresh: false; row: IdempotencyKey }> => {
      const claimed: unknown[] = await em.query(
        `INSERT INTO idempotency_keys (user_id, key, scope, request_hash, status, response) VALUES ($1, $2, $3, $4, 0, 'null') ON CONFLICT DO NOTHING RETURNING key`,
        [user.id, key, scope, requestHash],
      );
      if (!claimed.length) return { fresh: false, row: await em.getRepository(IdempotencyKey).findOneByOrFail({ userId: user.id, key }) };
      const result = await write(em);
      await em.query(`UPDATE idempotency_keys SET status = 200, response = $3::jsonb WHERE user_id = $1 AND key = $2`, [user.id, key, JSON.stringify(result)]);
      return { fresh: true, result };
    });
    if (outcome.fresh) return outcome.result;
    // The same key with another operation or another body is a different request, not a retry.
    if (outcome.row.scope !== scope || outcome.row.requestHash !== requestHash) throw new ConflictError('IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一项操作或另一请求内容', [{ field: 'Idempotency-Key' }]);
    return outcome.row.response as T;
  }
}
