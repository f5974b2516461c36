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
    extra: { max: poolSize, application_name: 'ssgk-inspection-tracker' },
    // Not 'error': TypeORM would log failed queries with their parameters (password hashes, personal data).
    logging: ['warn', 'migration'],
  };
}
