/**
 * npm run bench:draw [-- --candidates N --inspectors M --conflicts K]
 *
 * The double-random draw end to end, through HTTP as a bureau runs it, on generated data (default
 * 1,000,000 entities in four equal credit-risk classes, 3,000 inspectors, 10,000 declared conflicts;
 * ratios A 1 % / B 3 % / C 10 % / D 50 %, team size 2):
 *   - plan publish (candidate and inspector snapshots, hashes);
 *   - the draw (targets + teams + tasks, one transaction);
 *   - transcript export (GET /public/draws/:id/transcript) and its independent verification;
 * and in the same run the limit: one SQL scan hashing every candidate of the frozen pool.
 * Peak RSS of this process (which hosts the app) is sampled per phase.
 * Uses BENCH_DATABASE_URL if set (a database whose name contains "bench"), else a throwaway embedded PostgreSQL.
 */
import 'reflect-metadata';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AppModule } from '../src/app.module';
import { Clock } from '../src/common/clock';
import { configureApp } from '../src/app.setup';
import { validateEnv } from '../src/config/env';
import { loadRules } from '../src/config/rules';
import { DepartmentsService } from '../src/departments/departments.service';
import { draw } from '../src/draws/draw-v1';
import { drawInputFrom, FrozenParameters, Transcript, verifyTranscript } from '../src/draws/transcript';
import { completeUscc } from '../src/regulated-entities/uscc';
import { UsersService } from '../src/users/users.service';
import { benchDatabase } from './bench-database';

const { values } = parseArgs({ options: { candidates: { type: 'string', default: '1000000' }, inspectors: { type: 'string', default: '3000' }, conflicts: { type: 'string', default: '10000' } } });
const N = Number(values.candidates);
const M = Number(values.inspectors);
const K = Number(values.conflicts);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Peak RSS over a phase, sampled every 50 ms. */
async function measured<T>(run: () => Promise<T>): Promise<{ value: T; ms: number; peakMiB: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t = process.hrtime.bigint();
  try {
    const value = await run();
    return { value, ms: Number((process.hrtime.bigint() - t) / 1_000_000n), peakMiB: mb(Math.max(peak, process.memoryUsage().rss)) };
  } finally {
    clearInterval(sampler);
  }
}

/** Generated rows streamed into COPY (setup, not measured). */
async function copyRows(pg: Client, sql: string, count: number, line: (i: number) => string): Promise<void> {
  function* chunks() {
    for (let i = 0; i < count; i += 10_000) {
      const lines: string[] = [];
      for (let j = i; j < Math.min(count, i + 10_000); j++) lines.push(line(j));
      yield lines.join('\n') + '\n';
    }
  }
  await pipeline(Readable.from(chunks()), pg.query(copyFrom(sql)));
}

async function main(): Promise<void> {
  const db = await benchDatabase('ssgk-bench-draw-');
  const { url, dir } = db;
  let app: NestExpressApplication | undefined;
  const pg = new Client({ connectionString: url });
  try {
    const env = validateEnv({ NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: 'bench-secret-bench-secret-bench-secret', DATA_DIR: path.join(dir, 'data'), ADMIN_PASSWORD: 'bench-admin-password', PORT: '0' });
    const config = { ...env, databaseUrl: url, jwtSecret: env.JWT_SECRET!, rules: loadRules({}) };
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: ['error', 'warn'] });
    configureApp(app, config);
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const stamp = Date.now();
    const department = await app.get(DepartmentsService).create({ code: `DRAW${stamp}`, name: `抽取基准局${stamp}` });
    await app.get(UsersService).create({ username: `drawbench${stamp}`, displayName: '基准', password: 'bench-password-123', role: 'supervisor', departmentId: department.id });
    const login = (await (await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `drawbench${stamp}`, password: 'bench-password-123' }) })).json()) as { accessToken: string };
    const api = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${base}${route}`, { method, headers: { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };

    // Setup (not measured): entities with their class, inspectors qualified for the window, conflicts.
    const t = Date.now();
    await pg.connect();
    const d = department.id;
    await copyRows(pg, 'COPY regulated_entities (department_id, uscc, name, status, supervising_unit) FROM STDIN', N, (i) =>
      [d, completeUscc(`91120116${String(i).padStart(8, '0')}`.slice(0, 16)), `基准企业${i}有限公司`, i % 50 === 0 ? 'closed' : 'active', `第${(i % 9) + 1}监管所`].join('\t'),
    );
    await pg.query(`INSERT INTO entity_risk_classes (entity_id, risk_class, effective_from) SELECT id, (ARRAY['A','B','C','D'])[1 + (hashtext(uscc) & 3)], '2023-01-01' FROM regulated_entities WHERE department_id = $1`, [d]);
    await copyRows(pg, 'COPY inspectors (department_id, name, certificate_number, issuing_authority, certificate_valid_from, certificate_valid_until, domains, unit) FROM STDIN', M, (i) =>
      [d, `检查员${i}`, `BENCH${stamp}-${String(i).padStart(5, '0')}`, '天津市人民政府', '2022-01-01', '2030-12-31', '{实验动物}', `第${(i % 9) + 1}监管所`].join('\t'),
    );
    await pg.query(`INSERT INTO inspector_trainings (inspector_id, date, hours, topic) SELECT id, '2026-01-10', 40, '专题培训' FROM inspectors WHERE department_id = $1`, [d]);
    await pg.query(`INSERT INTO inspector_exams (inspector_id, year, passed) SELECT id, 2025, i % 20 <> 0 FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM inspectors WHERE department_id = $1) x`, [d]);
    await pg.query(
      `INSERT INTO declared_conflicts (department_id, inspector_id, entity_id, reason, source, valid_from)
       SELECT $1, i.id, e.id, '亲属任职', 'supervisor', '2024-01-01'
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM inspectors WHERE department_id = $1) i
         JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM regulated_entities WHERE department_id = $1 LIMIT $2) e ON e.n % $3 = i.n % $3`,
      [d, K, M],
    );
    await pg.query('ANALYZE');
    console.log(`setup: ${N} entities, ${M} inspectors, ${K} conflicts in ${Date.now() - t} ms`);

    const item = await api<{ id: string }>('POST', '/items', { code: `BENCH-${stamp}`, name: '实验动物许可情况的检查', legalBasis: '《实验动物管理条例》', category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: '实验动物', defaultRatios: { A: 1, B: 3, C: 10, D: 50 }, frequency: '每年一次' });
    const plan = await api<{ id: string }>('POST', '/plans', {
      name: '基准抽查计划',
      year: 2026,
      itemIds: [item.id],
      sampling: { A: { ratioPercent: 1 }, B: { ratioPercent: 3 }, C: { ratioPercent: 10 }, D: { ratioPercent: 50 } },
      teamSize: 2,
      windowStart: '2026-12-01',
      windowEnd: '2026-12-31',
    });
    const event = { name: '中国福利彩票双色球 第2026137期开奖号码', at: new Date(Date.now() + 120_000).toISOString() };
    const publish = await measured(() => api<{ candidatePoolHash: string }>('POST', `/plans/${plan.id}/publish`, { source: 'commit-reveal', event, version: 1 }));
    app.get(Clock).advance(180_000); // the draw waits for the named event: let the app's time pass it
    const drawn = await measured(() => api<{ id: string; seed: string; tasks: number; unstaffedTasks: number }>('POST', `/plans/${plan.id}/draw`, { witnessEntropy: '双色球 2026136: 02 11 17 23 28 30 + 12' }));

    // The limit: one scan of the frozen pool hashing every candidate with the draw's seed.
    const scan = await measured(() => pg.query(`SELECT count(*)::int AS n, min(encode(sha256(decode($2, 'hex') || convert_to(uscc, 'UTF8')), 'hex')) AS m FROM plan_candidates WHERE plan_id = $1`, [plan.id, drawn.value.seed]));
    const scanAgain = await measured(() => pg.query(`SELECT count(*)::int AS n, min(encode(sha256(decode($2, 'hex') || convert_to(uscc, 'UTF8')), 'hex')) AS m FROM plan_candidates WHERE plan_id = $1`, [plan.id, drawn.value.seed]));
    const limitMs = Math.min(scan.ms, scanAgain.ms);

    let bytes = 0;
    const exported = await measured(async () => {
      const res = await fetch(`${base}/public/draws/${drawn.value.id}/transcript`);
      const text = await res.text();
      bytes = Buffer.byteLength(text);
      return text;
    });
    const verified = await measured(async () => verifyTranscript(JSON.parse(exported.value) as Transcript));
    if (!verified.value.ok) throw new Error(`transcript does not verify: ${verified.value.difference}`);
    // The computation alone (targets + teams from the frozen texts), without reading or writing the database.
    const t0 = JSON.parse(exported.value) as Transcript;
    const computed = await measured(async () => draw(drawInputFrom(JSON.parse(t0.parametersJson) as FrozenParameters, t0, t0, t0.randomness.randomness)));
    if (computed.value.seed !== drawn.value.seed) throw new Error('the in-process draw differs');

    const row = (label: string, r: { ms: number; peakMiB: number }, extra = '') => console.log(`${label.padEnd(44)} ${String(r.ms).padStart(7)} ms  peak RSS ${String(r.peakMiB).padStart(5)} MiB  ${extra}`);
    console.log('');
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${mb(os.totalmem())} MiB RAM, Node ${process.version}, ${db.label}`);
    console.log(`candidates ${N}, inspectors ${M}, conflicts ${K}; tasks ${drawn.value.tasks} (unstaffed ${drawn.value.unstaffedTasks})`);
    row('limit: one SQL scan hashing every candidate', { ms: limitMs, peakMiB: scan.peakMiB }, `(${scan.ms} / ${scanAgain.ms} ms)`);
    row('publish (snapshots + hashes)', publish);
    row('draw: computation (targets + teams)', computed, `= ${(computed.ms / limitMs).toFixed(1)}× the scan (target ≤ 2×)`);
    row('draw: HTTP call (+ read snapshots, store, tasks)', drawn, `= ${(drawn.ms / limitMs).toFixed(1)}× the scan`);
    row('transcript export (HTTP)', exported, `${mb(bytes)} MiB`);
    row('verification (parse + re-run)', verified);
  } finally {
    await pg.end().catch(() => undefined);
    await app?.close();
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
