/**
 * npm run bench:public [-- --results N --connections C --seconds S --rounds R]
 *
 * The public results API under load (default 1,000,000 published results, 50 connections, 10 s per
 * run), with autocannon, side by side in the same run with its limit: a bare Node http + pg server
 * running the very same SQL (bench/public-bare-server.ts), in R alternating rounds (medians). The app (dist/src/main.js), the limit and
 * the load generator each run in their own process. Workloads: entity name search by four
 * characters (pg_trgm), by two characters (the character-pair index, ADR 0024), by a fragment in
 * every name (「有限公司」: the capped count), and USCC lookup. Prints requests/s and p50/p99
 * latency of each, and the two-character search's latency against the four-character one's.
 * Uses BENCH_DATABASE_URL if set (a database whose name contains "bench"), else a throwaway embedded PostgreSQL.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';

import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { ChildProcess, fork } from 'node:child_process';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { completeUscc } from '../src/regulated-entities/uscc';
import { benchDatabase } from './bench-database';

const { values } = parseArgs({ options: { results: { type: 'string', default: '1000000' }, connections: { type: 'string', default: '50' }, seconds: { type: 'string', default: '10' }, rounds: { type: 'string', default: '5' } } });
const N = Number(values.results);
const CONNECTIONS = Number(values.connections);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
// Characters of real firm names: varied enough that a name fragment is selective, as it is in life.
const CHARS = [...'康希诺生物科技医药华泰瑞达天津海创新联合安信德恒通宏远盛隆兴昌鑫源光明正大中国际环球东方南北西金银鹏飞龙凤祥和美佳乐福寿永久长城宇宙星辰阳月清风山水林森木火土石田禾丰收农牧渔业工贸商实航博雅精诚嘉禾润泽汇聚华夏神州振兴开元广厦'];
const nameOf = (i: number) => `${[0, 1, 2, 3].map((k) => CHARS[Math.floor(i / CHARS.length ** k) % CHARS.length]).join('')}${i}有限公司`;
const usccOf = (i: number) => completeUscc(`91120116${String(i).padStart(8, '0')}`.slice(0, 16));

async function seed(url: string): Promise<void> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const [{ n }] = (await pg.query('SELECT count(*)::int AS n FROM publications')).rows as { n: number }[];
  if (n >= N) return void (await pg.end());
  const department = (await pg.query(`INSERT INTO departments (code, name) VALUES ('BENCHPUB' || floor(random() * 1e9)::text, '基准公开局' || floor(random() * 1e9)::text) RETURNING id`)).rows[0].id as string;
  // Results only: the records behind them are not what this measures (foreign keys off for the load).
  await pg.query(`SET session_replication_role = replica`);
  function* rows() {
    for (let i = 0; i < N; i += 10_000) {
      const lines: string[] = [];
      for (let j = i; j < Math.min(N, i + 10_000); j++) {
        const uscc = usccOf(j);
        const payload = { entity: { name: nameOf(j), uscc, address: `天津市滨海新区某路${j % 999}号` }, department: { id: department, name: '基准公开局' }, items: [{ code: 'SJ-001', name: '实验动物许可情况的检查', legalBasis: '《实验动物管理条例》' }], planId: department, drawId: department, inspectionDate: '2024-05-10', inspectors: [{ name: '张三', certificateNumber: '12010001' }], results: [{ code: 'NO_PROBLEM', label: '未发现问题' }], rectification: { ordered: 0, rectified: 0, open: 0 } };
        const id = `00000000-0000-4000-8000-${String(j).padStart(12, '0')}`;
        lines.push([id, id, 1, 't', 'published', 'general', department, department, department, id, '2024-05-10', '2024-06-07', '2024-05-20 10:00:00+08', nameOf(j), uscc, '{SJ-001}', '{NO_PROBLEM}', JSON.stringify(payload)].join('\t'));
      }
      yield lines.join('\n') + '\n';
    }
  }
  await pipeline(
    Readable.from(rows()),
    pg.query(copyFrom('COPY publications (id, record_id, version, current, state, result_type, department_id, plan_id, draw_id, task_id, check_date, deadline, published_at, entity_name, uscc, item_codes, result_codes, payload) FROM STDIN')),
  );
  await pg.query('ANALYZE publications');
  await pg.end();
}

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = http.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** A server in its own process (the app, or the bare limit), ready when it answers `probe`. */
async function child(script: string, env: Record<string, string>, probe: string): Promise<ChildProcess> {
  const proc = fork(script, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const end = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${script} exited with ${proc.exitCode}`);
    const ok = await fetch(probe).then((r) => r.ok, () => false);
    if (ok) return proc;
    if (Date.now() > end) throw new Error(`${script} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function load(url: string, paths: string[], seconds = SECONDS): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  let i = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function main(): Promise<void> {
  const db = await benchDatabase('ssgk-bench-public-');
  const { url, dir } = db;
  const procs: ChildProcess[] = [];
  try {
    // The app as it runs in production, alone in its process (it applies the migrations at boot).
    const appPort = await freePort();
    const base = `http://127.0.0.1:${appPort}`;
    procs.push(
      await child(
        path.join(__dirname, '..', 'src', 'main.js'),
        { NODE_ENV: 'production', DATABASE_URL: url, PORT: String(appPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn', JWT_SECRET: 'bench-secret-bench-secret-bench-secret', DATA_DIR: path.join(dir, 'data'), ADMIN_PASSWORD: 'bench-admin-password', PUBLIC_RATE_LIMIT_PER_MINUTE: '0' },
        `${base}/health/ready`,
      ),
    );
    const t = Date.now();
    await seed(url);
    console.log(`seeded ${N} published results in ${Date.now() - t} ms`);
    const barePort = await freePort();
    procs.push(await child(path.join(__dirname, 'public-bare-server.js'), { DATABASE_URL: url, PORT: String(barePort) }, `http://127.0.0.1:${barePort}/?uscc=x`));
    const bare = { port: barePort };

    // Firms spread over the table.
    const picks = Array.from({ length: 500 }, (_, k) => Math.floor(((k * 7919) % 1000) * (N / 1000)) + (k % 7));
    // A name fragment as people type it: the first four characters of a firm's name (a handful of matches).
    const namePaths = picks.map((i) => `/public/results?q=${encodeURIComponent(nameOf(i).slice(0, 4))}`);
    // Two characters, as most Chinese firm names are searched (a brand, a district): no trigram.
    const twoCharPaths = picks.map((i) => `/public/results?q=${encodeURIComponent(nameOf(i).slice(0, 2))}`);
    // A fragment in every name: the count stops at its cap.
    const commonPaths = [`/public/results?q=${encodeURIComponent('有限公司')}`];
    const usccPaths = picks.map((i) => `/public/results?uscc=${usccOf(i)}`);
    const check = await (await fetch(`${base}${usccPaths[0]}`)).json() as { meta: { totalCount: number } };
    if (check.meta.totalCount !== 1) throw new Error(`USCC lookup found ${check.meta.totalCount}`);
    const common = await (await fetch(`${base}${commonPaths[0]}`)).json() as { meta: { totalCount: number; totalCountCapped: boolean } };
    if (N > 10_000 && !common.meta.totalCountCapped) throw new Error(`common fragment not capped: ${JSON.stringify(common.meta)}`);

    const rows: string[] = [];
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const p50s: Record<string, number> = {};
    for (const [label, paths] of [['name 4 chars', namePaths], ['name 2 chars', twoCharPaths], ['name 有限公司', commonPaths], ['USCC lookup', usccPaths]] as const) {
      const barePaths = paths.map((p) => p.replace('/public/results', '/'));
      // Warm both (caches, JIT, pools) before measuring either, so order does not decide.
      await load(`http://127.0.0.1:${bare.port}`, barePaths, 2);
      await load(base, paths, 2);
      // Alternating rounds, medians of each figure: this machine is shared and a single run varies by ±15 %.
      const limits: Awaited<ReturnType<typeof load>>[] = [];
      const products: Awaited<ReturnType<typeof load>>[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        limits.push(await load(`http://127.0.0.1:${bare.port}`, barePaths));
        products.push(await load(base, paths));
      }
      const [limit, product] = [limits, products].map((runs) => ({ rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), errors: runs.reduce((n, r) => n + r.errors, 0) }));
      const each = (runs: typeof limits) => runs.map((r) => r.rps).join('/');
      p50s[label] = product.p50;
      rows.push(`${label.padEnd(12)} limit ${String(limit.rps).padStart(6)} req/s p50 ${limit.p50} ms p99 ${limit.p99} ms | product ${String(product.rps).padStart(6)} req/s p50 ${product.p50} ms p99 ${product.p99} ms = ${((product.rps / limit.rps) * 100).toFixed(0)}% of the limit (target ≥ 50%, p99 < 50 ms), errors ${product.errors}/${limit.errors}; rounds ${each(limits)} | ${each(products)}`);
    }
    console.log('');
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 20)} MiB RAM, Node ${process.version}, ${db.label}`);
    console.log(`results ${N}, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s per server, medians (app, limit and load generator in separate processes)`);
    for (const r of rows) console.log(r);
    // At a fixed number of connections latency is throughput's mirror; p50 of the product, same run.
    console.log(`two characters: p50 ${p50s['name 2 chars']} ms = ${(p50s['name 2 chars'] / p50s['name 4 chars']).toFixed(2)}× the four-character search's ${p50s['name 4 chars']} ms (target ≤ 3×)`);
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.filter((p) => p.exitCode === null).map((p) => new Promise((r) => p.once('exit', r))));
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
