import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source.options';
import { runMigrationsLocked } from '../../src/database/migrate';
import { assertTestDatabase, dropDatabase, recreateDatabase } from './test-database';

/**
 * A migrated database of its own, on the run's server, for a suite whose assertions read
 * whole-database state (open-data files, the feed, the audit head): suites running in parallel on
 * the shared database would change that state between two requests. Boot with
 * `bootApp({ DATABASE_URL: url })`; `drop()` in afterAll.
 */
export async function ownDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const shared = process.env.E2E_DATABASE_URL;
  if (!shared) throw new Error('E2E_DATABASE_URL is not set: run the e2e suites through test/jest-e2e.json');
  const url = new URL(shared);
  url.pathname = `/${assertTestDatabase(shared)}_${label}`;
  const own = url.toString();
  await recreateDatabase(own);
  const dataSource = await new DataSource(buildDataSourceOptions(own, 2)).initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return { url: own, drop: () => dropDatabase(own) };
}
