import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source.options';
import { EmbeddedPostgres, freePort } from '../src/database/embedded-postgres';
import { bootApp, http } from './support/app';
import { csv, freshUscc, utf8 } from './support/files';
import { bearer, makeDepartmentWithStaff, unique } from './support/fixtures';

/**
 * Faults of the database itself. This suite runs its own PostgreSQL (not the run's shared one),
 * stops and starts it, and boots the app on it: the other suites never see the outage.
 */
describe('when the database is down or slow', () => {
  let dir: string;
  let pg: EmbeddedPostgres;
  let url: string;
  let app: NestExpressApplication;
  let staff: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-fault-pg-'));
    // A fixed port: the app's pool must find the restarted server where the stopped one was.
    pg = new EmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'ssgk_fault_test' });
    url = await pg.start();
    app = await bootApp({ MIGRATIONS_RUN: 'true', STAFF_STATEMENT_TIMEOUT_MS: '1500' }, { databaseUrl: url });
    staff = await makeDepartmentWithStaff(app);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await pg?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** A plain connection of the test's own to the private cluster. */
  async function connect(): Promise<Client> {
    const client = new Client({ connectionString: url });
    client.on('error', () => undefined); // terminated by the stops below
    await client.connect();
    return client;
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After while PostgreSQL is stopped (health, API, portal), and recovers when it is back', async () => {
    await http(app).get('/health/ready').expect(200);
    await http(app).get('/entities').set(bearer(staff.supervisor)).expect(200);
    await http(app).get('/').expect(200);

    await pg.stop();
    try {
      const ready = await http(app).get('/health/ready').expect(503);
      expect(ready.headers['retry-after']).toMatch(/^\d+$/);
      expect(ready.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', requestId: expect.any(String) });
      expect(ready.body.message).toMatch(/数据库/);

      const api = await http(app).get('/entities').set(bearer(staff.supervisor)).expect(503);
      expect(api.headers['retry-after']).toMatch(/^\d+$/);
      expect(api.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
      const write = await http(app).post('/departments').set(bearer(staff.admin)).send({ code: unique('D'), name: unique('停机局') }).expect(503);
      expect(write.body.code).toBe('DATABASE_UNAVAILABLE');

      for (const page of ['/', '/portal/results?q=公司']) {
        const html = await http(app).get(page).expect(503);
        expect(html.headers['content-type']).toMatch(/text\/html/);
        expect(html.headers['retry-after']).toMatch(/^\d+$/);
        expect(html.text).toMatch(/数据库暂时不可用/);
      }
    } finally {
      await pg.start();
    }
    // The pools drop the dead connections and open new ones by themselves.
    await until('readiness after the restart', async () => ((await http(app).get('/health/ready')).status === 200 ? true : undefined), 10_000);
    await http(app).get('/entities').set(bearer(staff.supervisor)).expect(200);
    await http(app).get('/portal/results?q=公司').expect(200);
  }, 90_000);

  it("records the import's failure reason after a restart (the runner's own write is retried)", async () => {
    // The test holds the import's per-department lock, so the job is certainly inside its
    // transaction, waiting, when PostgreSQL goes away.
    const holder = await connect();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import:${staff.department.id}:entities`]);
    const file = utf8(csv([['统一社会信用代码', '名称'], [freshUscc(), `${unique('重启')}有限公司`]]));
    const queued = await http(app).post('/imports/entities').set(bearer(staff.supervisor)).attach('file', file, 'restart.csv').expect(202);
    const jobId = (queued.body as { id: string }).id;
    // Watched from outside the holder's transaction: within one, pg_stat_activity is a snapshot taken at its first read.
    const observer = await connect();
    await until('the import to wait for its lock', async () => {
      const { rows } = await observer.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'`);
      return rows.length ? true : undefined;
    });
    await observer.end();

    await pg.stop(); // "fast" shutdown: the import's connection is terminated (57P01)
    await new Promise((r) => setTimeout(r, 1500)); // the runner's first attempts to record the failure find no server
    await pg.start();
    await holder.end().catch(() => undefined);

    const job = await until(
      'the job to be marked failed',
      async () => {
        const res = await http(app).get(`/imports/${jobId}`).set(bearer(staff.supervisor));
        return res.status === 200 && res.body.state !== 'running' && res.body.state !== 'queued' ? (res.body as { state: string; message: string }) : undefined;
      },
      30_000,
    );
    expect(job.state).toBe('failed');
    expect(job.message).toMatch(/数据库/); // the real reason, not the generic "internal error" or the sweeper's "服务中断"
    expect(job.message).toMatch(/未写入任何数据/);
  }, 90_000);

  it('cancels a staff statement that runs past STAFF_STATEMENT_TIMEOUT_MS (503 QUERY_TIMEOUT), while an import sets its own', async () => {
    const holder = await connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE departments IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const res = await http(app).get('/departments').set(bearer(staff.admin)).timeout(20_000); // held until the lock is released, without a statement timeout
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'QUERY_TIMEOUT' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000); // it did wait, then was cancelled
    } finally {
      await holder.query('ROLLBACK');
    }

    // An import waits for its lock longer than the staff timeout and still completes.
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import:${staff.department.id}:entities`]);
    const file = utf8(csv([['统一社会信用代码', '名称'], [freshUscc(), `${unique('长任务')}有限公司`]]));
    const queued = await http(app).post('/imports/entities').set(bearer(staff.supervisor)).attach('file', file, 'long.csv').expect(202);
    await new Promise((r) => setTimeout(r, 3000)); // twice the staff timeout
    await holder.query('COMMIT');
    await holder.end();
    const job = await until('the import to finish', async () => {
      const res = await http(app).get(`/imports/${(queued.body as { id: string }).id}`).set(bearer(staff.supervisor));
      return res.body.state === 'succeeded' || res.body.state === 'failed' ? (res.body as { state: string }) : undefined;
    });
    expect(job.state).toBe('succeeded');
  }, 60_000);

  it("ends a statement whose client went away (a killed app's connection), instead of letting it run on", async () => {
    const dataSource = await new DataSource(buildDataSourceOptions(url, 1, { statementTimeoutMs: 120_000 })).initialize();
    const observer = await connect();
    try {
      const runner = dataSource.createQueryRunner();
      const client = (await runner.connect()) as { processID: number; connection: { stream: { destroy(): void } } };
      const pid = client.processID;
      void runner.query('SELECT pg_sleep(60)').catch(() => undefined);
      await until('the statement to run', async () => ((await observer.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active'`, [pid])).rows.length ? true : undefined));
      client.connection.stream.destroy(); // what the kernel does to the sockets of a killed process
      const gone = await until('the backend to end', async () => ((await observer.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rows.length ? undefined : true), 15_000).catch(() => false);
      expect(gone).toBe(true);
    } finally {
      await observer.end();
      await dataSource.destroy().catch(() => undefined);
    }
  }, 60_000);
});
