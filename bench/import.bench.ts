/**
 * npm run bench:import [-- --rows N]
 *
 * Measures the entity-directory import on a generated CSV of valid USCCs (default 1,000,000 rows),
 * side by side in one process run with its baselines:
 *   - raw COPY of the same file into a plain table with no indexes (the physical limit);
 *   - the product's import, through HTTP, as a bureau would run it (job, validation, upsert);
 *   - a naive row-by-row ORM save of a 10,000-row sample.
 * Prints rows/s, the ratios, and the peak RSS of this process (which hosts the app) during the import.
 * Uses BENCH_DATABASE_URL if set (a database whose name contains "bench"), else a throwaway embedded PostgreSQL.
 */
import 'reflect-metadata';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { validateEnv } from '../src/config/env';
import { loadRules } from '../src/config/rules';
import { RegulatedEntity } from '../src/regulated-entities/regulated-entity.entity';
import { completeUscc } from '../src/regulated-entities/uscc';
import { UsersService } from '../src/users/users.service';
import { DepartmentsService } from '../src/departments/departments.service';
import { benchDatabase } from './bench-database';
import { uploadStreaming } from './upload';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, sample: { type: 'string', default: '10000' } } });
const ROWS = Number(values.rows);
const SAMPLE = Number(values.sample);
const HEADERS = '统一社会信用代码,名称,法定代表人,注册地址,所属区域,行业代码,经营状态,信用风险分类,分类生效日期,联系人,联系电话,监管单位';
const DISTRICTS = ['滨海新区', '和平区', '河西区', '南开区', '西青区'];
const INDUSTRIES = ['M7340', 'C2710', 'C2760', 'F5151', 'M7320'];
const SYLLABLES = ['康', '希', '诺', '生', '物', '科', '技', '医', '药', '华', '泰', '瑞', '达', '天', '津', '海', '创', '新', '联', '合'];

function row(i: number): string {
  const uscc = completeUscc(`91120116${String(i).padStart(8, '0')}`.slice(0, 16));
  const name = `${SYLLABLES[i % 20]}${SYLLABLES[(i >> 3) % 20]}${SYLLABLES[(i >> 7) % 20]}${SYLLABLES[(i >> 11) % 20]}${i}有限公司`;
  return [
    uscc,
    name,
    `法人${i % 1000}`,
    `天津市${DISTRICTS[i % 5]}某某路${i % 999}号`,
    DISTRICTS[i % 5],
    INDUSTRIES[i % 5],
    i % 50 === 0 ? '停业' : '存续',
    'ABCD'[i % 4],
    '2023-01-01',
    `联系人${i % 100}`,
    `022-${String(10_000_000 + (i % 89_999_999)).slice(0, 8)}`,
    `第${(i % 9) + 1}监管所`,
  ].join(',');
}

async function generate(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(HEADERS + '\n');
  let buf: string[] = [];
  for (let i = 0; i < rows; i++) {
    buf.push(row(i));
    if (buf.length === 10_000) {
      if (!out.write(buf.join('\n') + '\n')) await once(out, 'drain');
      buf = [];
    }
  }
  if (buf.length) out.write(buf.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
}

const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function main(): Promise<void> {
  const db = await benchDatabase('ssgk-bench-');
  const { url, dir } = db;
  const file = path.join(dir, 'entities.csv');
  let app: NestExpressApplication | undefined;
  try {
    let t = Date.now();
    await generate(file, ROWS);
    console.log(`generated ${ROWS} rows (${mb(statSync(file).size)} MiB) in ${Date.now() - t} ms`);

    // Baseline 1: the physical limit — COPY into a plain table, no indexes, no validation.
    const pg = new Client({ connectionString: url });
    await pg.connect();
    await pg.query('DROP TABLE IF EXISTS bench_plain');
    await pg.query(
      'CREATE TABLE bench_plain (uscc text, name text, legal_representative text, registered_address text, district text, industry_code text, status text, risk_class text, risk_from date, contact_person text, contact_phone text, supervising_unit text)',
    );
    t = Date.now();
    await pipeline(createReadStream(file), pg.query(copyFrom('COPY bench_plain FROM STDIN (FORMAT csv, HEADER true)')));
    const copyMs = Date.now() - t;
    await pg.query('DROP TABLE bench_plain');
    await pg.end();

    // The product: boot the app in this process and upload the file over HTTP.
    const env = validateEnv({ NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: 'bench-secret-bench-secret-bench-secret', DATA_DIR: path.join(dir, 'data'), ADMIN_PASSWORD: 'bench-admin-password', PORT: '0' });
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...env, databaseUrl: url, jwtSecret: env.JWT_SECRET!, rules: loadRules({}) }), { bodyParser: false, logger: ['error', 'warn'] });
    configureApp(app, { ...env, databaseUrl: url, jwtSecret: env.JWT_SECRET!, rules: loadRules({}) });
    await app.listen(0, '127.0.0.1');
    const base = await app.getUrl();
    const department = await app.get(DepartmentsService).create({ code: `BENCH${Date.now()}`, name: `基准测试局${Date.now()}` });
    await app.get(UsersService).create({ username: `bench${Date.now()}`, displayName: '基准', password: 'bench-password-123', role: 'supervisor', departmentId: department.id });
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: (await app.get(DataSource).query(`SELECT username FROM users WHERE department_id = $1`, [department.id]))[0].username, password: 'bench-password-123' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    t = Date.now();
    const job = await uploadStreaming<{ state: string; inserted: number; rowsFailed: number; message: string }>(`${base}/imports/entities?wait=true`, accessToken, file);
    const importMs = Date.now() - t;
    clearInterval(sampler);
    if (job.state !== 'succeeded' || job.inserted !== ROWS) throw new Error(`import did not succeed: ${JSON.stringify(job)}`);

    // Baseline 2: naive row-by-row ORM save of a sample.
    const repo = app.get(DataSource).getRepository(RegulatedEntity);
    const naiveDept = await app.get(DepartmentsService).create({ code: `NAIVE${Date.now()}`, name: `逐行测试局${Date.now()}` });
    t = Date.now();
    for (let i = 0; i < SAMPLE; i++) {
      const f = row(ROWS + i).split(',');
      await repo.save(repo.create({ departmentId: naiveDept.id, uscc: f[0], name: f[1], legalRepresentative: f[2], registeredAddress: f[3], district: f[4], industryCode: f[5], status: 'active', contactPerson: f[9], contactPhone: f[10], supervisingUnit: f[11] }));
    }
    const naiveMs = Date.now() - t;

    const copyRate = rate(ROWS, copyMs);
    const importRate = rate(ROWS, importMs);
    const naiveRate = rate(SAMPLE, naiveMs);
    console.log('');
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${mb(os.totalmem())} MiB RAM, Node ${process.version}, ${db.label}`);
    console.log(`rows: ${ROWS}`);
    console.log(`raw COPY (plain table, no indexes)   ${String(copyRate).padStart(9)} rows/s  (${copyMs} ms)`);
    console.log(`product import (HTTP, job, upsert)   ${String(importRate).padStart(9)} rows/s  (${importMs} ms)  = ${((importRate / copyRate) * 100).toFixed(1)}% of raw COPY (target ≥ 40%)`);
    console.log(`naive ORM save, ${SAMPLE} sample       ${String(naiveRate).padStart(9)} rows/s  (${naiveMs} ms)  import is ${(importRate / naiveRate).toFixed(1)}× faster`);
    console.log(`peak RSS during the import: ${mb(peakRss)} MiB (limit 500 MiB)`);
  } finally {
    await app?.close();
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
