/**
 * npm run bench:report [-- --checks N --entities M --runs R --exports no]
 *
 * The annual report (GET /reports/annual) on a year of 200,000 approved checks over a directory of
 * 1,000,000 entities (issue 7; target < 1 s). Setup, not measured, inserts straight into the tables
 * (COPY and INSERT … SELECT): the department's entities, 2,000 inspectors with trainings, exams and
 * revocations, 40 plans of the year (4 joint) with their draws (5 superseded), the tasks (5 % drawn
 * but not yet checked), the check records (10 % with a problem, 5 % entities checked twice), their
 * rectification orders and publications (2 % corrected), 600 legal reviews, and — when the outbox
 * tables exist — an event per published result with two platform deliveries. Around it, as noise
 * the report must filter out: the same department's previous year (50,000 checks) and a second
 * department (100,000 entities sharing USCCs, 20,000 checks of the year).
 * Then the report over HTTP (first call, then R more: min / median / max), each family's statement
 * alone on a direct connection (best of 3), and the DOCX and XLSX exports once.
 * BENCH_DATABASE_URL names a database whose name contains "bench": it is dropped and recreated.
 * Without it, a throwaway embedded PostgreSQL.
 */
import 'reflect-metadata';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
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
import { configureApp } from '../src/app.setup';
import { validateEnv } from '../src/config/env';
import { loadRules } from '../src/config/rules';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { DepartmentsService } from '../src/departments/departments.service';
import { completeUscc } from '../src/regulated-entities/uscc';
import * as Q from '../src/reports/report-queries';
import { REPORT_SETTINGS } from '../src/reports/report-settings';
import { UsersService } from '../src/users/users.service';

const { values } = parseArgs({ options: { checks: { type: 'string', default: '200000' }, entities: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' }, exports: { type: 'string', default: 'yes' } } });
const CHECKS = Number(values.checks);
const ENTITIES = Number(values.entities);
const RUNS = Number(values.runs);
const YEAR = 2025;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const uscc = (i: number) => completeUscc(`91120116${String(i).padStart(8, '0')}`.slice(0, 16));

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number; peakMiB: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t = process.hrtime.bigint();
  try {
    const value = await run();
    return { value, ms: Number(process.hrtime.bigint() - t) / 1e6, peakMiB: mb(Math.max(peak, process.memoryUsage().rss)) };
  } finally {
    clearInterval(sampler);
  }
}

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

/** A fresh database for the run (BENCH_DATABASE_URL), created through the server's maintenance database. */
async function recreate(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/bench/.test(name) || !/^[a-z0-9_]+$/.test(name)) throw new Error('BENCH_DATABASE_URL must name a database [a-z0-9_] containing "bench"');
  u.pathname = '/postgres';
  const admin = new Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

/**
 * Plans, draws, tasks, records, orders and publications of one department and year, set-based.
 * Task k (0 ≤ k < tasks) belongs to plan ⌊k / perPlan⌋ and visits entity `entityOf`(k); tasks
 * k < checks have an approved record (5 %) or a published one (95 %) dated inside the plan's window.
 */
async function yearOfChecks(pg: Client, o: { department: string; other: string | null; year: number; plans: number; tasks: number; checks: number; entityOf: string; tag: string }): Promise<void> {
  const perPlan = Math.ceil(o.tasks / o.plans);
  const q = (sql: string, params: unknown[] = []) => pg.query(sql, params);
  await q('DROP TABLE IF EXISTS bp, bt');
  await q(
    `CREATE TEMP TABLE bp AS
     SELECT n, gen_random_uuid() AS id, gen_random_uuid() AS draw_id,
            make_date($1, 3 * (n * 4 / $2) + 1, 1) AS ws, (make_date($1, 3 * (n * 4 / $2) + 1, 1) + interval '3 months - 1 day')::date AS we
       FROM generate_series(0, $2 - 1) n`,
    [o.year, o.plans],
  );
  await q(
    `INSERT INTO plans (id, department_id, joint_department_ids, year, name, state, candidate_filter, sampling, team_size, window_start, window_end, recusal_rules, published_at)
     SELECT id, $1, CASE WHEN $2::uuid IS NOT NULL AND n % 10 = 0 THEN ARRAY[$2::uuid] ELSE '{}' END, $3, '基准计划' || $4 || n, 'in_progress',
            '{"industryCodes":[],"licenceTypes":[],"districts":[]}', '{"A":{"ratioPercent":1},"B":{"ratioPercent":3},"C":{"ratioPercent":10},"D":{"ratioPercent":50}}', 2, ws, we,
            '{"declaredConflict":true,"sameSupervisingUnit":true,"lastInspector":true}', ws - 10
       FROM bp`,
    [o.department, o.other, o.year, o.tag],
  );
  const draw = (id: string, superseded: string) =>
    `INSERT INTO draws (id, plan_id, algorithm, randomness_proof, randomness, seed, result, strata, task_count, unstaffed_task_count, superseded_at)
     SELECT ${id}, id, 'draw-v1', '{}', repeat('a', 64), repeat('b', 64), '{}', '[]', $1, 0, ${superseded} FROM bp`;
  await q(`${draw('gen_random_uuid()', 'now()')} WHERE n < 5`, [perPlan]); // replaced by a redraw
  await q(draw('draw_id', 'NULL'), [perPlan]);
  await q(
    `CREATE TEMP TABLE bt AS
     SELECT k, gen_random_uuid() AS id, gen_random_uuid() AS record_id, p.id AS plan_id, p.draw_id, p.ws, p.we, e.id AS entity_id, e.uscc, e.name,
            jsonb_build_array(jsonb_build_object('inspectorId', i1.id, 'certificateNumber', i1.cert, 'departmentId', $1::uuid, 'leader', true),
                              jsonb_build_object('inspectorId', i2.id, 'certificateNumber', i2.cert, 'departmentId', $1::uuid, 'leader', false)) AS team
       FROM generate_series(0, $2 - 1) k
       JOIN bp p ON p.n = k / $3
       JOIN bench_entities e ON e.department_id = $1 AND e.n = ${o.entityOf}
       JOIN bench_inspectors i1 ON i1.department_id = $1 AND i1.n = (2 * k) % (SELECT count(*) FROM bench_inspectors WHERE department_id = $1)
       JOIN bench_inspectors i2 ON i2.department_id = $1 AND i2.n = (2 * k + 1) % (SELECT count(*) FROM bench_inspectors WHERE department_id = $1)`,
    [o.department, o.tasks, perPlan],
  );
  await q(
    `INSERT INTO tasks (id, draw_id, plan_id, department_id, entity_id, uscc, stratum, position, team, state, window_start, window_end)
     SELECT id, draw_id, plan_id, $1, entity_id, uscc, 'B', k % $2, team, 'assigned', ws, we FROM bt`,
    [o.department, perPlan],
  );
  await q(
    `INSERT INTO check_records (id, task_id, department_id, state, check_date, place, inspectors_present, representative, findings, result_codes, submitted_at, approved_at, version)
     SELECT record_id, id, $1, CASE WHEN k % 20 = 0 THEN 'approved' ELSE 'published' END, ws + (k % 80)::int, '企业生产经营场所',
            jsonb_build_array(jsonb_build_object('inspectorId', team->0->>'inspectorId', 'certificateShown', true), jsonb_build_object('inspectorId', team->1->>'inspectorId', 'certificateShown', true)),
            '{"name":"王五","role":"质量负责人"}',
            jsonb_build_array(CASE WHEN k % 10 = 0
              THEN jsonb_build_object('itemVersionId', plan_id, 'compliant', false, 'description', '未按规定公示应当公示的信息', 'legalClause', '《企业信息公示暂行条例》第十条')
              ELSE jsonb_build_object('itemVersionId', plan_id, 'compliant', true) END),
            CASE WHEN k % 10 = 0 THEN ARRAY['NOT_DISCLOSED']::varchar[] WHEN k % 37 = 0 THEN ARRAY['NO_RELEVANT_ACTIVITY']::varchar[] ELSE ARRAY['NO_PROBLEM']::varchar[] END,
            now(), now(), 3
       FROM bt WHERE k < $2`,
    [o.department, o.checks],
  );
  await q(
    `INSERT INTO rectification_orders (record_id, department_id, requirement, working_days, issued_on, due_on, followed_up_on, rectified)
     SELECT record_id, $1, '限期公示应当公示的信息', 10, ws + (k % 80)::int + 1, ws + (k % 80)::int + 15,
            CASE k % 30 WHEN 0 THEN NULL WHEN 10 THEN ws + (k % 80)::int + 20 ELSE ws + (k % 80)::int + 12 END,
            CASE WHEN k % 30 = 0 THEN NULL ELSE true END
       FROM bt WHERE k < $2 AND k % 10 = 0`,
    [o.department, o.checks],
  );
  await q(
    `INSERT INTO publications (record_id, version, current, state, result_type, department_id, plan_id, draw_id, task_id, check_date, deadline, published_at, entity_name, uscc, item_codes, result_codes, payload)
     SELECT record_id, 1, true, CASE WHEN k % 20 = 0 THEN 'pending' ELSE 'published' END, 'general', $1, plan_id, draw_id, id, ws + (k % 80)::int, ws + (k % 80)::int + 28,
            CASE WHEN k % 20 = 0 THEN NULL ELSE ((ws + (k % 80)::int + (k % 31)) + time '10:00') AT TIME ZONE 'Asia/Shanghai' END,
            name, uscc, ARRAY['BENCH-1'], CASE WHEN k % 10 = 0 THEN ARRAY['NOT_DISCLOSED'] ELSE ARRAY['NO_PROBLEM'] END,
            jsonb_build_object('entity', jsonb_build_object('name', name, 'uscc', uscc, 'address', '天津市滨海新区第' || k || '大街'),
                               'department', jsonb_build_object('id', $1::uuid, 'name', '基准局'),
                               'items', jsonb_build_array(jsonb_build_object('code', 'BENCH-1', 'name', '实验动物许可情况的检查', 'legalBasis', '《实验动物管理条例》')),
                               'planId', plan_id, 'drawId', draw_id, 'inspectionDate', ws + (k % 80)::int,
                               'inspectors', jsonb_build_array(jsonb_build_object('name', '检查员甲', 'certificateNumber', team->0->>'certificateNumber'), jsonb_build_object('name', '检查员乙', 'certificateNumber', team->1->>'certificateNumber')),
                               'results', jsonb_build_array(jsonb_build_object('code', 'NO_PROBLEM', 'label', '未发现问题')),
                               'rectification', jsonb_build_object('ordered', 0, 'rectified', 0, 'open', 0))
       FROM bt WHERE k < $2`,
    [o.department, o.checks],
  );
  // 2 % corrected: the original stops being current, the correction is version 2.
  await q(`UPDATE publications p SET current = false FROM bt WHERE p.record_id = bt.record_id AND bt.k < $1 AND bt.k % 50 = 1`, [o.checks]);
  await q(
    `INSERT INTO publications (record_id, version, current, state, result_type, department_id, plan_id, draw_id, task_id, check_date, deadline, published_at, entity_name, uscc, item_codes, result_codes, payload, correction_reason)
     SELECT record_id, 2, true, 'published', result_type, department_id, plan_id, draw_id, task_id, check_date, deadline, now(), entity_name, uscc, item_codes, result_codes, payload, '更正检查结果'
       FROM publications WHERE version = 1 AND NOT current AND record_id IN (SELECT record_id FROM bt)`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ssgk-bench-report-'));
  chmodSync(dir, 0o755);
  let embedded: EmbeddedPostgres | undefined;
  let url = process.env.BENCH_DATABASE_URL;
  if (url) await recreate(url);
  else {
    embedded = new EmbeddedPostgres({ dataDir: path.join(dir, 'db'), database: 'ssgk_bench' });
    url = await embedded.start();
  }
  let app: NestExpressApplication | undefined;
  const pg = new Client({ connectionString: url });
  try {
    const env = validateEnv({ NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: 'bench-secret-bench-secret-bench-secret', DATA_DIR: path.join(dir, 'data'), ADMIN_PASSWORD: 'bench-admin-password', PORT: '0' });
    const config = { ...env, databaseUrl: url, jwtSecret: env.JWT_SECRET!, rules: loadRules({}) };
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: ['error', 'warn'] });
    configureApp(app, config);
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const d = (await app.get(DepartmentsService).create({ code: 'REPORT', name: '年报基准局' })).id;
    const other = (await app.get(DepartmentsService).create({ code: 'OTHER', name: '联合基准局' })).id;
    await app.get(UsersService).create({ username: 'reportbench', displayName: '基准', password: 'bench-password-123', role: 'supervisor', departmentId: d });
    const login = (await (await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'reportbench', password: 'bench-password-123' }) })).json()) as { accessToken: string };
    const get = async (route: string) => {
      const res = await fetch(`${base}${route}`, { headers: { authorization: `Bearer ${login.accessToken}` } });
      if (!res.ok) throw new Error(`GET ${route}: ${res.status} ${await res.text()}`);
      return Buffer.from(await res.arrayBuffer());
    };

    // Setup (not measured).
    const t = Date.now();
    await pg.connect();
    const q = (sql: string, params: unknown[] = []) => pg.query(sql, params);
    await copyRows(pg, 'COPY regulated_entities (department_id, uscc, name, status) FROM STDIN', ENTITIES, (i) => [d, uscc(i), `基准企业${i}有限公司`, 'active'].join('\t'));
    await copyRows(pg, 'COPY regulated_entities (department_id, uscc, name, status) FROM STDIN', ENTITIES / 10, (i) => [other, uscc(i), `基准企业${i}有限公司`, 'active'].join('\t'));
    // Position n of each entity: its USCC's serial (the generated USCCs sort like their serials).
    await q(`CREATE UNLOGGED TABLE bench_entities AS SELECT department_id, id, uscc, name, (row_number() OVER (PARTITION BY department_id ORDER BY uscc) - 1)::int AS n FROM regulated_entities`);
    await q('CREATE INDEX ON bench_entities (department_id, n)');
    for (const [dept, count, tag] of [[d, 2000, 'R'], [other, 200, 'O']] as const) {
      await q(
        `INSERT INTO inspectors (department_id, name, certificate_number, issuing_authority, certificate_valid_from, certificate_valid_until, domains)
         SELECT $1, '检查员' || n, 'BENCH-${tag}-' || n, '天津市人民政府', CASE WHEN n % 50 = 0 THEN make_date($3, 3, 1) ELSE '2022-01-01' END,
                CASE WHEN n % 40 = 1 THEN make_date($3, 6, 30) ELSE '2030-12-31' END, '{实验动物}'
           FROM generate_series(0, $2 - 1) n`,
        [dept, count, YEAR],
      );
    }
    await q(`CREATE UNLOGGED TABLE bench_inspectors AS SELECT department_id, id, certificate_number AS cert, (row_number() OVER (PARTITION BY department_id ORDER BY id) - 1)::int AS n FROM inspectors`);
    await q(`INSERT INTO inspector_trainings (inspector_id, date, hours, topic) SELECT id, make_date($1, 3, 10), 40, '专题培训' FROM bench_inspectors`, [YEAR]);
    await q(`INSERT INTO inspector_trainings (inspector_id, date, hours, topic) SELECT id, make_date($1, 9, 15), 1 + n % 12, '新法专题培训' FROM bench_inspectors`, [YEAR]);
    await q(`INSERT INTO inspector_exams (inspector_id, year, passed) SELECT id, $1, n % 20 <> 0 FROM bench_inspectors`, [YEAR]);
    await q(`INSERT INTO inspector_status_changes (inspector_id, status, reason, effective_date) SELECT id, 'revoked', '吊销执法证', make_date($1, 8, 1) FROM bench_inspectors WHERE n % 100 = 7`, [YEAR]);

    const twice = Math.round(CHECKS * 0.05);
    await yearOfChecks(pg, { department: d, other, year: YEAR, plans: 40, tasks: Math.round(CHECKS * 1.05), checks: CHECKS, entityOf: `((k % ${CHECKS - twice}) * 5) % ${ENTITIES}`, tag: 'Y' });
    await yearOfChecks(pg, { department: d, other: null, year: YEAR - 1, plans: 5, tasks: CHECKS / 4, checks: CHECKS / 4, entityOf: `(k * 7) % ${ENTITIES}`, tag: 'P' });
    await yearOfChecks(pg, { department: other, other: null, year: YEAR, plans: 8, tasks: CHECKS / 10, checks: CHECKS / 10, entityOf: `k % ${ENTITIES / 10}`, tag: 'O' });
    await q(
      `INSERT INTO legal_reviews (department_id, kind, title, reviewer_name, opinion, decision, reasons, reviewed_on)
       SELECT $1, (ARRAY['major_administrative_decision', 'major_enforcement_decision', 'normative_document'])[1 + n % 3], '审核事项' || n, '审核员', '合法',
              CASE WHEN n % 25 = 0 THEN 'return' ELSE 'pass' END, CASE WHEN n % 25 = 0 THEN '依据不足' END, make_date($2, 1, 1) + n % 365
         FROM generate_series(0, 599) n`,
      [d, YEAR],
    );
    const outbox = (await q(Q.OUTBOX_EXISTS_SQL)).rows[0].exists as boolean;
    if (outbox) {
      await q(`INSERT INTO outbox_events (kind, publication_id, payload) SELECT 'publication.published', id, '{}' FROM publications WHERE state = 'published'`);
      await q(
        `INSERT INTO outbox_deliveries (event_id, endpoint, state, attempts, next_attempt_at, delivered_at)
         SELECT e.id, ep, CASE WHEN h < 97 THEN 'delivered' WHEN h < 99 THEN 'dead' ELSE 'pending' END, 1, now(), CASE WHEN h < 97 THEN now() END
           FROM outbox_events e CROSS JOIN unnest(ARRAY['行政执法监督平台', '市监管平台']) ep CROSS JOIN LATERAL (SELECT abs(hashtext(e.id::text || ep)) % 100 AS h) x`,
      );
    }
    await q('DROP TABLE bench_entities, bench_inspectors');
    await q('VACUUM ANALYZE');
    const counts = (await q(`SELECT (SELECT count(*) FROM regulated_entities)::int AS entities, (SELECT count(*) FROM tasks)::int AS tasks, (SELECT count(*) FROM check_records)::int AS records,
                                    (SELECT count(*) FROM publications)::int AS publications, (SELECT count(*) FROM rectification_orders)::int AS orders,
                                    ${outbox ? '(SELECT count(*) FROM outbox_deliveries)::int' : '0'} AS deliveries`)).rows[0];
    console.log(`setup: ${JSON.stringify(counts)} in ${Math.round((Date.now() - t) / 1000)} s`);

    // The report over HTTP, as a supervisor asks for it.
    const route = `/reports/annual?year=${YEAR}`;
    const first = await timed(() => get(route));
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push((await timed(() => get(route))).ms);
    runs.sort((x, y) => x - y);
    const figures = JSON.parse(first.value.toString('utf8')) as { randomInspections: { checks: number; entitiesChecked: number }; paragraph: string };

    const [version] = (await q("SELECT version() AS v, current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm")).rows as { v: string; sb: string; wm: string }[];
    // Each family's statement alone (best of 3), on a direct connection with the report's settings.
    await q("SET work_mem = '64MB'");
    await q('SET jit = off');
    const range = [d, `${YEAR}-01-01`, `${YEAR + 1}-01-01`];
    const families: [string, string, unknown[]][] = [
      ['random inspections (+ rectification, repeats)', Q.inspectionSql(REPORT_SETTINGS.entityNameOrder), [...range, YEAR, REPORT_SETTINGS.namesListed]],
      ['publication (+ platform pushes)', Q.publicationSql(outbox), range],
      ['legal review', Q.LEGAL_REVIEW_SQL, range],
      ['inspectors', Q.inspectorSql('>'), [...range, YEAR, `${YEAR}-12-31`, 40]],
      ['methods', Q.METHODS_SQL, range],
      ['持证上岗', Q.ON_DUTY_SQL, range],
      ['joint inspections, merged visits', Q.JOINT_SQL, [...range, YEAR]],
    ];
    const perFamily: [string, number][] = [];
    for (const [label, sql, params] of families) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) times.push((await timed(() => pg.query(sql, params))).ms);
      perFamily.push([label, Math.min(...times)]);
    }
    const exports = values.exports !== 'no';
    const docx = exports ? await timed(() => get(`/reports/annual.docx?year=${YEAR}`)) : null;
    const xlsx = exports ? await timed(() => get(`/reports/annual.xlsx?year=${YEAR}`)) : null;

    const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
    console.log('');
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${mb(os.totalmem())} MiB RAM, Node ${process.version}`);
    console.log(`database: ${version.v.split(' on ')[0]} (${embedded ? 'embedded' : 'BENCH_DATABASE_URL'}), shared_buffers ${version.sb}, work_mem ${version.wm} (the report sets 64MB), same host`);
    console.log(`year ${YEAR}: ${figures.randomInspections.checks} checks, ${figures.randomInspections.entitiesChecked} entities checked; outbox ${outbox ? 'present' : 'absent'}`);
    console.log(`GET /reports/annual          first ${ms(first.ms)}   then min ${ms(runs[0])}  median ${ms(runs[Math.floor(runs.length / 2)])}  max ${ms(runs[runs.length - 1])}  (target < 1000 ms)`);
    for (const [label, t] of perFamily) console.log(`  ${label.padEnd(48)} ${ms(t)}`);
    if (docx) console.log(`GET /reports/annual.docx     ${ms(docx.ms)}  ${Math.round(docx.value.length / 1024)} KiB`);
    if (xlsx) console.log(`GET /reports/annual.xlsx     ${ms(xlsx.ms)}  ${(xlsx.value.length / 1024 / 1024).toFixed(1)} MiB, peak RSS of the process ${xlsx.peakMiB} MiB`);
    console.log(`paragraph: ${figures.paragraph}`);
  } finally {
    await pg.end().catch(() => undefined);
    await app?.close();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
