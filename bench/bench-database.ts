/**
 * The database and scratch folder of a benchmark run: BENCH_DATABASE_URL when set (its name must
 * contain "bench", so a benchmark never writes into a real database), else a throwaway embedded
 * PostgreSQL in the scratch folder. `close()` stops it and removes the folder.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';

export interface BenchDatabase {
  url: string;
  dir: string;
  /** For the results' machine line. */
  label: 'embedded PostgreSQL 15' | 'BENCH_DATABASE_URL';
  close(): Promise<void>;
}

export async function benchDatabase(prefix: string): Promise<BenchDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755); // the embedded cluster's postgres user must traverse it
  const close = (embedded?: EmbeddedPostgres) => async () => {
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    if (!/bench/.test(new URL(url).pathname)) throw new Error('BENCH_DATABASE_URL must name a database containing "bench"');
    return { url, dir, label: 'BENCH_DATABASE_URL', close: close() };
  }
  const embedded = new EmbeddedPostgres({ dataDir: path.join(dir, 'db'), database: 'ssgk_bench' });
  return { url: await embedded.start(), dir, label: 'embedded PostgreSQL 15', close: close(embedded) };
}
