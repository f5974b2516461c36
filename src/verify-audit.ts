/**
 * npm run verify-audit [-- --head <seq>:<hash> | --head-file <path>]
 *
 * Re-verifies the audit log (执法全过程记录) in the database:
 *   1. the hash chain: `OK: <count> events, head <hash>` or `BROKEN at seq <n>: <reason>`;
 *   2. the current published results, plans and draws against the last state the chain recorded
 *      for each: one `TAMPERED …` line per row that differs, then a `STATES:` summary;
 *   3. with a head kept from an earlier publication (feed_info, audit_heads, an audit.head push):
 *      that the chain extends it — `HEAD: …` or `HEAD NOT EXTENDED: …`.
 * Exit 0 when all hold, 1 when any does not, 2 when it cannot check. Uses DATABASE_URL, or the
 * embedded database in DATA_DIR (borrowing a running instance's server). Read-only: no
 * migrations, no Nest application.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import { DataSource, QueryFailedError } from 'typeorm';
import { KeptHead, parseKeptHead } from './audit/audit-chain';
import { AuditService } from './audit/audit.service';
import { ConfigError, validateEnv } from './config/env';
import { acquireDatabase } from './database/database-bootstrap';
import { buildDataSourceOptions } from './database/data-source.options';

class UsageError extends Error {}

/** --head <seq>:<hash>, or --head-file <path> holding the same or a JSON head (e.g. feed_info.json). */
function keptHeadFrom(args: string[]): KeptHead | undefined {
  const [flag, value, ...rest] = args;
  if (flag === undefined) return undefined;
  if (rest.length || value === undefined || (flag !== '--head' && flag !== '--head-file')) {
    throw new UsageError('usage: verify-audit [--head <seq>:<hash> | --head-file <path>]');
  }
  let text = value;
  if (flag === '--head-file') {
    try {
      text = fs.readFileSync(value, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read the kept head from ${value}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  try {
    return parseKeptHead(text);
  } catch (err) {
    throw new UsageError(`${flag}: ${(err as Error).message}`);
  }
}

async function main(): Promise<number> {
  const kept = keptHeadFrom(process.argv.slice(2));
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const env = validateEnv({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const database = await acquireDatabase(env, () => undefined, { shareRunning: true });
  try {
    const dataSource = await new DataSource(buildDataSourceOptions(database.url, 1)).initialize();
    try {
      const verdict = await new AuditService(dataSource).verifyAll(kept);
      const out: string[] = [];
      const { chain, states } = verdict;
      out.push(chain.ok ? `OK: ${chain.count} events, head ${chain.head}` : `BROKEN at seq ${chain.seq}: ${chain.reason}`);
      for (const m of states.mismatches) {
        out.push(`TAMPERED ${m.subjectType} ${m.subjectId}: expected state ${m.expected ?? '(none recorded)'}${m.seq === null ? '' : ` (seq ${m.seq})`}, found ${m.found}: ${m.reason}`);
      }
      out.push(
        states.mismatchCount
          ? `STATES: ${states.mismatchCount} row(s) differ from their recorded state${states.mismatchCount > states.mismatches.length ? ` (first ${states.mismatches.length} listed)` : ''}; ${states.checked} checked`
          : `STATES: ${states.checked} published results, plans and draws match their recorded state${states.unrecorded ? ` (${states.unrecorded} recorded before states were kept, not compared)` : ''}`,
      );
      if (verdict.kept) out.push(verdict.kept.extended ? `HEAD: ${verdict.kept.reason}` : `HEAD NOT EXTENDED: ${verdict.kept.reason}`);
      process.stdout.write(out.join('\n') + '\n');
      return verdict.ok ? 0 : 1;
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
  return err instanceof ConfigError || err instanceof UsageError || err instanceof Error ? err.message : String(err);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`cannot verify: ${describe(err)}\n`);
    process.exit(2);
  },
);
