import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source.options';

/**
 * Entry point for the TypeORM CLI (`npm run migration:*`). Uses DATABASE_URL, or else the
 * embedded cluster of a running `npm start` (its connection is recorded in DATA_DIR).
 */
function cliDatabaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const file = path.resolve(process.env.DATA_DIR ?? './.data', 'embedded-url');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  throw new Error('Set DATABASE_URL, or start the service once with `npm start` so the embedded database is running');
}

export default new DataSource(buildDataSourceOptions(cliDatabaseUrl(), 2));
