import { DataSource, QueryRunner } from 'typeorm';
import { LIFT_STATEMENT_TIMEOUT_SQL } from '../database/long-job';

/** Runs one statement on whichever connection of the snapshot is free. */
export type SnapshotQuery = <R>(sql: string, params?: unknown[]) => Promise<R[]>;

/**
 * Per transaction: the report's hash tables (≈ 30 MB for 200,000 checks) fit in memory instead of
 * spilling to disk, and JIT compilation, which costs more than it saves at this size, is skipped.
 */
const SETTINGS = ["SET LOCAL work_mem = '64MB'", 'SET LOCAL jit = off', LIFT_STATEMENT_TIMEOUT_SQL]; // a report is a long job
const SNAPSHOT_ID = /^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$/i;

/** One report at a time per instance: it holds up to `width` pooled connections, never more. */
let busy: Promise<void> = Promise.resolve();

/**
 * Read-only statements spread over `width` connections that all see one snapshot of the database
 * (REPEATABLE READ; the first transaction exports its snapshot, the others import it): the
 * figures are computed in parallel and still agree with each other exactly.
 */
export async function withSharedSnapshot<T>(dataSource: DataSource, width: number, work: (query: SnapshotQuery) => Promise<T>): Promise<T> {
  const previous = busy;
  let done!: () => void;
  busy = new Promise<void>((resolve) => (done = resolve));
  await previous;
  const runners: QueryRunner[] = [];
  try {
    const open = async (snapshot: string | null) => {
      const runner = dataSource.createQueryRunner();
      runners.push(runner);
      await runner.connect();
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      if (snapshot) await runner.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
      for (const s of SETTINGS) await runner.query(s);
      return runner;
    };
    const lead = await open(null);
    const snapshot = width > 1 ? ((await lead.query('SELECT pg_export_snapshot() AS id')) as { id: string }[])[0].id : null;
    if (snapshot && !SNAPSHOT_ID.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
    for (let i = 1; i < width; i++) await open(snapshot);

    const free = [...runners];
    const waiting: (() => void)[] = [];
    const query: SnapshotQuery = async <R>(sql: string, params: unknown[] = []) => {
      while (!free.length) await new Promise<void>((resolve) => waiting.push(resolve));
      const runner = free.pop()!;
      try {
        return (await runner.query(sql, params)) as R[];
      } finally {
        free.push(runner);
        waiting.shift()?.();
      }
    };
    const result = await work(query);
    for (const runner of runners) await runner.query('COMMIT');
    return result;
  } catch (err) {
    for (const runner of runners) await runner.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    // Never leave the next report waiting, whatever happened here.
    for (const runner of runners) await runner.release().catch(() => undefined);
    done();
  }
}
