import * as path from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { TypeOrmLogger } from './typeorm-logger';

/** How long a request may wait for a pooled connection (or a new one to open) before 503 DATABASE_UNAVAILABLE. */
export const DB_CONNECT_TIMEOUT_MS = 10_000;
/**
 * How often PostgreSQL checks, during a long statement, that its client is still there: the
 * statements of an app that was stopped or killed end within this, instead of running to completion.
 */
export const CLIENT_CHECK_INTERVAL_MS = 2_000;

/**
 * The one DataSource options object, used by the app (TypeOrmModule), the TypeORM CLI
 * (data-source.ts) and the test setup, so they cannot drift apart. Never `synchronize`.
 */
export function buildDataSourceOptions(url: string, poolSize = 10, session: { statementTimeoutMs?: number } = {}): DataSourceOptions {
  const root = path.resolve(__dirname, '..', '..'); // project root, or dist/ when compiled
  return {
    type: 'postgres',
    uuidExtension: 'pgcrypto', // gen_random_uuid(), built into PostgreSQL 13+
    installExtensions: false, // extensions are created by migrations, like everything else
    url,
    synchronize: false,
    migrationsRun: false, // run by runMigrationsLocked() under an advisory lock
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    entities: [path.join(root, 'src', '**', '*.entity.{ts,js}')],
    migrations: [path.join(root, 'migrations', '*.{ts,js}')],
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: poolSize,
      application_name: 'ssgk-inspection-tracker',
      connectionTimeoutMillis: DB_CONNECT_TIMEOUT_MS,
      // The app's statement timeout (STAFF_STATEMENT_TIMEOUT_MS; 0 = none, for the CLI and tests' own
      // connections): no request holds a connection and a core for minutes. Long jobs (imports,
      // publishing and drawing a plan, reports, migrations) lift it for their own transaction.
      options: `-c statement_timeout=${session.statementTimeoutMs ?? 0} -c client_connection_check_interval=${CLIENT_CHECK_INTERVAL_MS}`,
    },
    // Never queries nor failed queries: their parameters hold password hashes and personal data.
    logging: ['warn', 'migration'],
    logger: new TypeOrmLogger(),
  };
}
