import * as path from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one DataSource options object, used by the app (TypeOrmModule), the TypeORM CLI
 * (data-source.ts) and the test setup, so they cannot drift apart. Never `synchronize`.
 */
export function buildDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
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
    // force_custom_plan: named prepared statements (the public search, common/sql.ts) are parsed once
    // but planned for each call's values, as unnamed ones are. A generic plan chosen after a few
    // expensive calls (a two-character name fragment) would stay for the connection's life: for
    // `ILIKE $1` it is a parallel scan costing ~9 ms on every later search.
    extra: { max: poolSize, application_name: 'ssgk-inspection-tracker', options: '-c plan_cache_mode=force_custom_plan' },
    // Not 'error': TypeORM would log failed queries with their parameters (password hashes, personal data).
    logging: ['warn', 'migration'],
  };
}
