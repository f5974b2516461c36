import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source.options';
import { runMigrationsLocked } from '../src/database/migrate';
import { recreateDatabase } from './support/test-database';

const mainUrl = () => process.env.E2E_DATABASE_URL!;

describe('schema: migrations are the only source, and match the entities', () => {
  it('entities and migrations agree (what `migration:generate --check` checks)', async () => {
    const ds = await new DataSource(buildDataSourceOptions(mainUrl(), 1)).initialize();
    try {
      const sql = await ds.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('two instances migrating a fresh database at once apply each migration once; all revert and re-apply', async () => {
    const url = new URL(mainUrl());
    url.pathname = '/ssgk_migrations_test';
    await recreateDatabase(url.toString());
    const [a, b] = await Promise.all([0, 1].map(() => new DataSource(buildDataSourceOptions(url.toString(), 2)).initialize()));
    try {
      const [ranA, ranB] = await Promise.all([runMigrationsLocked(a), runMigrationsLocked(b)]);
      const all = a.migrations.map((m) => m.name);
      expect([...ranA, ...ranB].sort()).toEqual([...all].sort());
      const rows = await a.query('SELECT name FROM schema_migrations');
      expect(rows).toHaveLength(all.length);

      for (let i = 0; i < all.length; i++) await a.undoLastMigration({ transaction: 'each' });
      const tables = await a.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`);
      expect(tables).toEqual([]);
      expect(await runMigrationsLocked(a)).toEqual(all);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });
});
