import { DataSource, MigrationExecutor } from 'typeorm';

/** Arbitrary constant: every instance of this service takes the same advisory lock to migrate. */
export const MIGRATION_LOCK_KEY = 7_301_020_150;

/**
 * Applies pending migrations while holding a session-level advisory lock, so two instances
 * starting together migrate one after the other instead of racing.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // A migration over big tables (an index on a million entities) may take minutes: on this
    // session only, not the app's statement timeout (STAFF_STATEMENT_TIMEOUT_MS).
    await runner.query('SET statement_timeout = 0');
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.query('RESET statement_timeout').catch(() => undefined);
    await runner.release();
  }
}
