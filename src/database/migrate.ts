import { DataSource } from 'typeorm';

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
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
