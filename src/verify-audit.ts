/**
 * npm run verify-audit
 *
 * Re-verifies the whole audit hash chain (执法全过程记录) in the database and prints
 * `OK: <count> events, head <hash>` (exit 0) or `BROKEN at seq <n>: <reason>` (exit 1); exit 2 when
 * it cannot check. Uses DATABASE_URL, or the embedded database in DATA_DIR (borrowing a running
 * instance's server). Read-only: no migrations, no Nest application.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditService } from './audit/audit.service';
import { ConfigError, validateEnv } from './config/env';
import { acquireDatabase } from './database/database-bootstrap';
import { buildDataSourceOptions } from './database/data-source.options';

async function main(): Promise<number> {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const env = validateEnv({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const database = await acquireDatabase(env, () => undefined, { shareRunning: true });
  try {
    const dataSource = await new DataSource(buildDataSourceOptions(database.url, 1)).initialize();
    try {
      const verdict = await new AuditService(dataSource).verify();
      if (verdict.ok) {
        process.stdout.write(`OK: ${verdict.count} events, head ${verdict.head}\n`);
        return 0;
      }
      process.stdout.write(`BROKEN at seq ${verdict.seq}: ${verdict.reason}\n`);
      return 1;
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.release();
  }
}

function describe(err: unknown): string {
  if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '42P01') {
    return 'table audit_events does not exist: apply the migrations first (npm start, or npm run migration:run)';
  }
  return err instanceof ConfigError || err instanceof Error ? err.message : String(err);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`cannot verify: ${describe(err)}\n`);
    process.exit(2);
  },
);
