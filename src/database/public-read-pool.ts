import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Pool } from 'pg';
import { preparedQuery } from '../common/sql';
import type { RuntimeConfig } from '../config/runtime-config';

/**
 * The public search's own connections (PUBLIC_DB_POOL_SIZE), apart from TypeORM's: a flood of
 * anonymous searches waits for these and never for the connections staff work needs. Each is
 * read-only and has a statement timeout (PUBLIC_QUERY_TIMEOUT_MS): a search PostgreSQL cannot
 * narrow by index (a two-character name fragment has no trigram) is cancelled, not left to run for
 * seconds (503 QUERY_TIMEOUT). Statements are prepared (parsed once per connection) but planned
 * for each call's values (force_custom_plan): a generic plan adopted after a few expensive calls
 * would stick to the connection, and for `ILIKE $1` it is a parallel scan costing ~9 ms on every
 * later search. No query runner, no TypeORM logging: about 35 µs less a statement (bench:public).
 */
@Injectable()
export class PublicReadPool implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(config: ConfigService<RuntimeConfig, true>) {
    this.pool = new Pool(publicReadPoolOptions(config.get('databaseUrl', { infer: true }), config.get('PUBLIC_DB_POOL_SIZE', { infer: true }), config.get('PUBLIC_QUERY_TIMEOUT_MS', { infer: true })));
    // An idle connection that dies (server restart) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  /** One statement, prepared (its text must come from a bounded set of shapes, every value a parameter). */
  query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return preparedQuery<T>(this.pool, sql, params);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/** Shared with bench/public-bare-server.ts, so the benchmark's limit runs with the same settings. */
export function publicReadPoolOptions(url: string, size: number, timeoutMs: number) {
  return {
    connectionString: url,
    max: size,
    application_name: 'ssgk-public-read',
    options: `-c plan_cache_mode=force_custom_plan -c statement_timeout=${timeoutMs} -c default_transaction_read_only=on`,
  };
}
