import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source.options';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrationsLocked } from '../../src/database/migrate';
import { assertTestDatabase, recreateDatabase } from './test-database';

/**
 * One database per test run: TEST_DATABASE_URL when set (dropped and recreated), otherwise a
 * throwaway embedded cluster. Migrations run once, here; suites make their own data.
 */
export default async function globalSetup(): Promise<void> {
  let url = process.env.TEST_DATABASE_URL;
  if (url) {
    assertTestDatabase(url);
    await recreateDatabase(url);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-test-pg-'));
    const pg = new EmbeddedPostgres({ dataDir: dir, database: 'ssgk_test' });
    url = await pg.start();
    (globalThis as Record<string, unknown>).__EMBEDDED_PG__ = { pg, dir };
  }
  const dataSource = await new DataSource(buildDataSourceOptions(url, 2)).initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
  process.env.E2E_DATABASE_URL = url;
}
