/**
 * npm run bench:publish-after-import [-- --rows N --small M --timeout-s S]
 *
 * Issue 12's fault: 50 entities in department A (and statistics gathered then), then 200,000
 * imported into department B, then a plan over B's directory is published. Before the imports
 * analysed their tables, PostgreSQL still planned the pool query with the statistics of the 50-row
 * table (department B: about one row), re-ran the risk-class lookup per entity, and the publish
 * gave no answer after 9 minutes. Two rounds, each on a fresh database of the same server, through HTTP as a bureau runs it:
 *   - the product: import A (small), ANALYZE, import B (large), publish over B — nothing else;
 *   - the limit: the same, with an explicit `ANALYZE` of the whole database before the publish.
 * The product's publish should take about the limit's time (target ≤ 1.5× the limit).
 * Uses BENCH_DATABASE_URL's server if set (databases named after it, containing "bench"), else a throwaway embedded PostgreSQL.
 */
import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { validateEnv } from '../src/config/env';
import { loadRules } from '../src/config/rules';
import { DepartmentsService } from '../src/departments/departments.service';
import { completeUscc } from '../src/regulated-entities/uscc';
import { UsersService } from '../src/users/users.service';
import { benchDatabase } from './bench-database';
import { uploadStreaming } from './upload';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' }, small: { type: 'string', default: '50' }, 'timeout-s': { type: 'string', default: '900' } } });
const ROWS = Number(values.rows);
const SMALL = Number(values.small);
const TIMEOUT_MS = Number(values['timeout-s']) * 1000;
const HEADERS = '统一社会信用代码,名称,注册地址,所属区域,行业代码,经营状态,信用风险分类,分类生效日期,监管单位';
const DISTRICTS = ['滨海新区', '和平区', '河西区', '南开区', '西青区'];
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Rows `from`..`from + count` of a directory CSV: distinct USCCs per offset, every risk class. */
async function generate(file: string, from: number, count: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(HEADERS + '\n');
  let buf: string[] = [];
  for (let i = from; i < from + count; i++) {
    const uscc = completeUscc(`91120116${String(i).padStart(8, '0')}`.slice(0, 16));
    buf.push([uscc, `基准企业${i}有限公司`, `天津市${DISTRICTS[i % 5]}某某路${i % 999}号`, DISTRICTS[i % 5], 'M7340', i % 50 === 0 ? '停业' : '存续', 'ABCD'[i % 4], '2023-01-01', `第${(i % 9) + 1}监管所`].join(','));
    if (buf.length === 10_000) {
      if (!out.write(buf.join('\n') + '\n')) await once(out, 'drain');
      buf = [];
    }
  }
  if (buf.length) out.write(buf.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
}

interface Round {
  importMs: number;
  analyzeMs: number | null;
  publishMs: number | null;
}

/** One round on its own fresh database `<base>_<name>`: the statistics of one round never help the other. */
async function round(serverUrl: string, dir: string, name: string, explicitAnalyze: boolean, files: { small: string; large: string }): Promise<Round> {
  const url = new URL(serverUrl);
  const database = `${url.pathname.slice(1)}_${name}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  await admin.end();
  url.pathname = `/${database}`;

  const env = validateEnv({ NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: 'bench-secret-bench-secret-bench-secret', DATA_DIR: path.join(dir, `data-${name}`), ADMIN_PASSWORD: 'bench-admin-password', PORT: '0' });
  const config = { ...env, databaseUrl: url.toString(), jwtSecret: env.JWT_SECRET!, rules: loadRules({}) };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, logger: ['error', 'warn'] });
  const pg = new Client({ connectionString: url.toString() });
  try {
    configureApp(app, config);
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const stamp = Date.now();
    const staff = async (code: string) => {
      const department = await app.get(DepartmentsService).create({ code: `${code}${stamp}`, name: `基准局${code}${stamp}` });
      const username = `bench${code.toLowerCase()}${stamp}`;
      await app.get(UsersService).create({ username, displayName: '基准', password: 'bench-password-123', role: 'supervisor', departmentId: department.id });
      const login = (await (await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'bench-password-123' }) })).json()) as { accessToken: string };
      return login.accessToken;
    };
    const [tokenA, tokenB] = [await staff('A'), await staff('B')];
    const api = async <T>(token: string, method: string, route: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${base}${route}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };

    const small = await uploadStreaming<{ state: string; inserted: number; message: string }>(`${base}/imports/entities?wait=true`, tokenA, files.small);
    if (small.state !== 'succeeded' || small.inserted !== SMALL) throw new Error(`import A did not succeed: ${JSON.stringify(small)}`);
    // Statistics as of the small directory, as autovacuum or a nightly maintenance leaves them (and
    // as the product's import of A now does itself): one department, 50 rows.
    await pg.connect();
    await pg.query('ANALYZE');
    let t = Date.now();
    const large = await uploadStreaming<{ state: string; inserted: number; message: string }>(`${base}/imports/entities?wait=true`, tokenB, files.large);
    const importMs = Date.now() - t;
    if (large.state !== 'succeeded' || large.inserted !== ROWS) throw new Error(`import B did not succeed: ${JSON.stringify(large)}`);

    let analyzeMs: number | null = null;
    if (explicitAnalyze) {
      t = Date.now();
      await pg.query('ANALYZE');
      analyzeMs = Date.now() - t;
    }

    const item = await api<{ id: string }>(tokenB, 'POST', '/items', { code: `BENCH-${stamp}`, name: '实验动物许可情况的检查', legalBasis: '《实验动物管理条例》', category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: '实验动物', defaultRatios: { A: 1, B: 3, C: 10, D: 50 }, frequency: '每年一次' });
    const plan = await api<{ id: string }>(tokenB, 'POST', '/plans', {
      name: '基准抽查计划',
      year: 2026,
      itemIds: [item.id],
      sampling: { A: { ratioPercent: 10 }, B: { ratioPercent: 10 }, C: { ratioPercent: 10 }, D: { ratioPercent: 50 } },
      teamSize: 2,
      windowStart: '2026-12-01',
      windowEnd: '2026-12-31',
    });
    t = Date.now();
    let publishMs: number | null = null;
    try {
      await api(tokenB, 'POST', `/plans/${plan.id}/publish`, { source: 'commit-reveal', event: { name: '中国体育彩票排列5 第26330期开奖号码', at: new Date(Date.now() + 3_600_000).toISOString() }, version: 1 });
      publishMs = Date.now() - t;
    } catch (err) {
      if ((err as Error).name !== 'TimeoutError') throw err;
      // The statement runs on after the client gave up: end it, or closing the app waits for it.
      await pg.end().catch(() => undefined);
      const admin2 = new Client({ connectionString: serverUrl });
      await admin2.connect();
      await admin2.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
      await admin2.end();
    }
    return { importMs, analyzeMs, publishMs };
  } finally {
    await pg.end().catch(() => undefined);
    await app.close();
  }
}

async function main(): Promise<void> {
  const db = await benchDatabase('ssgk-bench-publish-');
  try {
    const files = { small: path.join(db.dir, 'a.csv'), large: path.join(db.dir, 'b.csv') };
    await generate(files.small, 0, SMALL);
    await generate(files.large, 10_000_000, ROWS);
    const product = await round(db.url, db.dir, 'product', false, files);
    const limit = await round(db.url, db.dir, 'analyzed', true, files);

    const ms = (v: number | null) => (v === null ? `no answer after ${TIMEOUT_MS / 1000} s` : `${v} ms`);
    console.log('');
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${mb(os.totalmem())} MiB RAM, Node ${process.version}, ${db.label}`);
    console.log(`${SMALL} entities imported into department A (then ANALYZE), then ${ROWS} into department B; a plan over B published`);
    console.log(`product: import of B ${product.importMs} ms (incl. ANALYZE); publish ${ms(product.publishMs)}`);
    console.log(`limit:   import of B ${limit.importMs} ms; explicit ANALYZE ${limit.analyzeMs} ms; publish ${ms(limit.publishMs)}`);
    if (product.publishMs !== null && limit.publishMs !== null) console.log(`publish after the import = ${(product.publishMs / limit.publishMs).toFixed(2)}× the publish after ANALYZE (target ≤ 1.5×)`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
