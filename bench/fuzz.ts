/**
 * npm run fuzz [-- --requests 100000 --seed 12 --concurrency 8 --minutes 40 --out fuzz-results --url http://127.0.0.1:PORT]
 *
 * A seeded hostile client over every operation of /api/openapi.json: bodies built from the
 * schemas, then broken (wrong types, 1e-7, huge and negative numbers, deep nesting, prototype
 * keys, unknown fields, lone surrogates, invalid UTF-8, direction controls, NUL, bad content
 * types), path parameters that are ids of real rows, random UUIDs or garbage, hostile query
 * strings, and every role (plus none and a forged token). Bounded by a request count and a time
 * limit; loopback only. With --url (and FUZZ_ADMIN_PASSWORD) it targets a running app; without --url it starts the compiled app (dist/src/main.js) in its own
 * process on a throwaway embedded PostgreSQL (or BENCH_DATABASE_URL), so a crash cannot take the
 * fuzzer with it. Writes summary.json (responses by status, by operation) and failures.jsonl
 * (every answer ≥ 500 with its request) to --out, and the app's log to app.log there.
 * Not part of `npm test`: run it before a release (docs/benchmarks.md has the last figures).
 */
import { ChildProcess, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { completeUscc } from '../src/regulated-entities/uscc';
import { benchDatabase, BenchDatabase } from './bench-database';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '12' },
    concurrency: { type: 'string', default: '8' },
    minutes: { type: 'string', default: '40' },
    out: { type: 'string', default: 'fuzz-results' },
    url: { type: 'string' },
  },
});
const REQUESTS = Number(values.requests);
const SEED = Number(values.seed);
const CONCURRENCY = Number(values.concurrency);
let deadline = Date.now() + Number(values.minutes) * 60_000;
// Ctrl-C or SIGTERM: stop sending, then write the summary and stop the app and its database as usual.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (deadline = 0));
const OUT = path.resolve(values.out!);
/** The bootstrap admin's password: ours when the fuzzer starts the app, FUZZ_ADMIN_PASSWORD with --url. */
const ADMIN_PASSWORD = values.url ? (process.env.FUZZ_ADMIN_PASSWORD ?? '') : 'fuzz-admin-password-1234';
const PASSWORD = 'fuzz-staff-password-1234';

// ---------- seeded randomness (mulberry32) ----------
let state = SEED >>> 0;
function rand(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const chance = (p: number) => rand() < p;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const seededUuid = () => {
  const h = () => Math.floor(rand() * 0x10000).toString(16).padStart(4, '0');
  return `${h()}${h()}-${h()}-4${h().slice(1)}-8${h().slice(1)}-${h()}${h()}${h()}`;
};

// ---------- HTTP ----------
interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
let BASE: URL;

function send(method: string, pathAndQuery: string, headers: Record<string, string>, body?: Buffer): Promise<Answer | 'timeout' | 'reset'> {
  return new Promise((resolve) => {
    let req: http.ClientRequest;
    try {
      req = http.request({ host: BASE.hostname, port: BASE.port, method, path: pathAndQuery, headers: body ? { ...headers, 'content-length': String(body.length) } : headers, agent, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', () => resolve('reset'));
    });
    } catch (err) {
      throw new Error(`the fuzzer built a request Node refuses (${method} ${pathAndQuery.slice(0, 200)}): ${String(err)}`);
    }
    req.on('timeout', () => {
      req.destroy();
      resolve('timeout');
    });
    req.on('error', () => resolve('reset'));
    req.end(body);
  });
}

/** What the seeding reads of an answer. */
type Json = { id?: string; accessToken?: string; items?: { id: string }[] } & Record<string, unknown>;

async function api(method: string, url: string, token: string | null, json?: unknown): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let body: Buffer | undefined;
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
    body = Buffer.from(JSON.stringify(json));
  }
  const res = await send(method, url, headers, body);
  if (typeof res === 'string') throw new Error(`${method} ${url}: ${res}`);
  const text = res.body.toString('utf8');
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as Json };
}

// ---------- the app under test ----------
async function freePort(): Promise<number> {
  const server = http.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function startApp(db: BenchDatabase): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const log = fs.openSync(path.join(OUT, 'app.log'), 'w');
  const proc = fork(path.join(__dirname, '..', 'src', 'main.js'), [], {
    cwd: db.dir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      DATA_DIR: path.join(db.dir, 'data'),
      JWT_SECRET: 'fuzz-secret-fuzz-secret-fuzz-secret-fuzz',
      JWT_EXPIRES_IN_SECONDS: '86400',
      ADMIN_PASSWORD,
      LOG_LEVEL: 'error',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '0',
      OUTBOX_ENDPOINTS: '',
    },
    stdio: ['ignore', log, log, 'ipc'],
  });
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 180_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the app exited with ${proc.exitCode}; see ${OUT}/app.log`);
    if (await fetch(`${url}/health/live`).then((r) => r.ok, () => false)) return { url, proc };
    if (Date.now() > end) throw new Error('the app did not start within 180 s');
    await new Promise((r) => setTimeout(r, 300));
  }
}

// ---------- identities and real rows ----------
type Identity = 'admin' | 'supervisor' | 'inspector' | 'legal_reviewer' | 'none' | 'forged';
const tokens: Partial<Record<Identity, string>> = {};
/** Ids of rows that exist, learnt from every answer; the fuzzer's own accounts are kept out. */
const pool: string[] = [];
const poolSet = new Set<string>();
const protectedIds = new Set<string>();
const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
function learn(text: string): void {
  for (const id of text.match(UUID_RE) ?? []) {
    if (poolSet.has(id) || protectedIds.has(id) || pool.length >= 5000) continue;
    poolSet.add(id);
    pool.push(id);
  }
}
const usccs: string[] = [];
/** Ids by collection ('/plans', '/items', '/entities/{id}/licences'…): what a list or a create answered, and path values that were found. */
const typed = new Map<string, string[]>();
function learnTyped(collection: string, id: unknown): void {
  if (typeof id !== 'string' || protectedIds.has(id) || !/^[0-9a-f-]{36}$/.test(id)) return;
  const list = typed.get(collection) ?? [];
  if (list.length < 500 && !list.includes(id)) list.push(id);
  typed.set(collection, list);
}
/** Ids of a list (`items`) or of a created row, under the collection's path. */
function learnListed(collection: string, text: string): void {
  try {
    const j = JSON.parse(text) as { id?: unknown; items?: { id?: unknown }[] } | { id?: unknown }[];
    const rows = Array.isArray(j) ? j : Array.isArray(j.items) ? j.items : [j];
    for (const row of rows) learnTyped(collection, row?.id);
  } catch {
    /* not JSON */
  }
}
/** The collection a path parameter belongs to: the path before it ('/plans/{id}/draw' → '/plans'). */
const collectionOf = (template: string, param: string) => template.slice(0, template.indexOf(`/{${param}}`));
/** The collection a body field names: itemIds → '/items', entityId → '/entities'. */
const collectionOfField = (name: string) => {
  const stem = name.replace(/Ids?$/, '');
  return `/${stem.endsWith('y') ? `${stem.slice(0, -1)}ies` : `${stem}s`}`;
};
const typedOr = (collection: string) => {
  const list = typed.get(collection);
  return list?.length && chance(0.8) ? pick(list) : pool.length ? pick(pool) : seededUuid();
};

async function seed(): Promise<void> {
  const login = async (username: string, password: string) => {
    const res = await api('POST', '/auth/login', null, { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken!;
  };
  const root = await login('admin', ADMIN_PASSWORD);
  const tag = Date.now().toString(36);
  const dept = await api('POST', '/departments', root, { code: `FUZZ${tag}`, name: `模糊测试局${tag}` });
  const other = await api('POST', '/departments', root, { code: `FUZZB${tag}`, name: `模糊测试二局${tag}` });
  const departmentId = dept.body.id!;
  learn(JSON.stringify(other.body));
  for (const role of ['admin', 'supervisor', 'inspector', 'legal_reviewer'] as const) {
    const username = `fuzz.${role.replace('_', '')}.${tag}`;
    const user = await api('POST', '/users', root, { username, displayName: `模糊${role}`, password: PASSWORD, role, ...(role === 'admin' ? {} : { departmentId }) });
    if (user.status !== 201) throw new Error(`user ${role}: ${user.status} ${JSON.stringify(user.body)}`);
    protectedIds.add(user.body.id!);
    tokens[role] = await login(username, PASSWORD);
  }
  const me = await api('GET', '/auth/me', root);
  if (me.body?.id) protectedIds.add(me.body.id);
  learn(departmentId);
  const S = tokens.supervisor!;
  const item = await api('POST', '/items', S, { code: `FZ-${tag}`, name: '实验动物许可情况的检查', legalBasis: '《实验动物管理条例》', category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: '实验动物', defaultRatios: { A: 3, B: 5, C: 20, D: 100 }, frequency: '每年一次' });
  learn(JSON.stringify(item.body));
  for (let i = 0; i < 12; i++) {
    const uscc = completeUscc(`91120116${String(int(0, 99_999_999)).padStart(8, '0')}`.slice(0, 16));
    const e = await api('POST', '/entities', S, { uscc, name: `模糊测试${i}号公司`, registeredAddress: `天津市滨海新区某路${i}号`, riskClass: 'ABCD'[i % 4], riskClassEffectiveFrom: '2023-01-01', supervisingUnit: i % 3 === 0 ? '第一监管所' : null });
    if (e.status === 201) usccs.push(uscc);
    learn(JSON.stringify(e.body));
  }
  const inspectorUser = (await api('GET', '/auth/me', tokens.inspector!)).body.id!;
  for (let i = 0; i < 4; i++) {
    const ins = await api('POST', '/inspectors', S, { name: `模糊检查员${i}`, certificateNumber: `FZ${tag}${i}`, issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2030-12-31', domains: ['实验动物'], unit: `第${i + 1}所`, ...(i === 0 ? { userId: inspectorUser } : {}) });
    learn(JSON.stringify(ins.body));
    await api('POST', `/inspectors/${ins.body.id}/trainings`, S, { date: '2023-12-10', hours: 40, topic: '专题培训' });
    await api('POST', `/inspectors/${ins.body.id}/exams`, S, { year: 2023, passed: true, score: 90 });
  }
  // A drawn plan, a draft plan, a record: real ids for the routes that act on them.
  const plan = await api('POST', '/plans', S, { name: `模糊计划${tag}`, year: 2024, itemIds: [item.body.id], sampling: { A: { count: 1 }, B: { count: 1 }, C: { ratioPercent: 50 }, D: { count: 1 } }, teamSize: 2, windowStart: '2024-01-02', windowEnd: '2024-12-31' });
  learn(JSON.stringify(plan.body));
  // The draw waits for the public event the plan names (at least 60 s after publication): real time, as the app runs apart.
  await api('POST', `/plans/${plan.body.id}/publish`, S, { source: 'commit-reveal', event: { name: '中国体育彩票排列5 第26330期开奖号码', at: new Date(Date.now() + 62_000).toISOString() }, version: 1 });
  await new Promise((r) => setTimeout(r, 65_000));
  const draw = await api('POST', `/plans/${plan.body.id}/draw`, S, { witnessEntropy: 'fuzz-witness' });
  learn(JSON.stringify(draw.body));
  const draft = await api('POST', '/plans', S, { name: `模糊草稿${tag}`, year: 2024, itemIds: [item.body.id], sampling: { A: { count: 0 }, B: { count: 1 }, C: { count: 0 }, D: { count: 0 } }, teamSize: 2, windowStart: '2024-01-02', windowEnd: '2024-12-31' });
  learn(JSON.stringify(draft.body));
  const myTasks = await api('GET', '/me/tasks', tokens.inspector!);
  learn(JSON.stringify(myTasks.body));
  for (const t of myTasks.body?.items ?? []) {
    const record = await api('POST', `/tasks/${t.id}/record`, tokens.inspector!, {});
    learn(JSON.stringify(record.body));
    learnTyped('/records', record.body.id);
  }
  for (const url of ['/users', '/departments', '/items', '/entities', '/inspectors', '/plans', '/recusals', '/publications', '/rectifications', '/imports', '/public/results', '/public/plans']) {
    const text = JSON.stringify((await api('GET', url, tokens.admin!)).body);
    learn(text);
    learnListed(url, text);
  }
  learnTyped('/draws', draw.body.id);
  learnTyped('/public/draws', draw.body.id);
  learnTyped('/portal/draws', draw.body.id);
  for (const collection of ['/plans', '/public/plans', '/portal/plans']) learnTyped(collection, plan.body.id);
  for (const t of myTasks.body?.items ?? []) learnTyped('/tasks', t.id);
  tokens.admin = tokens.admin ?? root;
  tokens.forged = `${tokens.admin!.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
}

// ---------- the operations ----------
interface Schema {
  type?: string;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
}
interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  id: string;
  method: string;
  path: string;
  params: Param[];
  body: 'json' | 'multipart' | null;
  schema?: Schema;
}
let components: Record<string, Schema> = {};

function resolve(s: Schema | undefined, depth = 0): Schema {
  if (!s || depth > 8) return {};
  if (s.$ref) return resolve(components[s.$ref.split('/').pop()!], depth + 1);
  if (s.allOf) return resolve(Object.assign({}, ...s.allOf.map((x) => resolve(x, depth + 1)), { ...s, allOf: undefined }), depth + 1);
  if (s.oneOf || s.anyOf) return resolve(pick((s.oneOf ?? s.anyOf)!), depth + 1);
  return s;
}

/** A plausible value for a schema (examples and real ids where there are some). */
function valid(s0: Schema | undefined, name = '', depth = 0): unknown {
  const s = resolve(s0);
  if (depth > 6) return null;
  if (s.enum) return pick(s.enum);
  if (s.example !== undefined && chance(0.7)) return s.example;
  if (s.default !== undefined && chance(0.3)) return s.default;
  if (/id$/i.test(name) && s.type === 'string') return chance(0.9) ? typedOr(collectionOfField(name)) : seededUuid();
  if (/ids$/i.test(name) && s.type === 'array') return [typedOr(collectionOfField(name))];
  if (/uscc/i.test(name)) return usccs.length ? pick(usccs) : '91350100M000100Y43';
  if (/date|from|until|start|end|on$/i.test(name) && s.type === 'string') return pick(['2024-05-10', '2024-01-02', '2023-12-31']);
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) if ((s.required ?? []).includes(k) || chance(0.5)) out[k] = valid(v, k, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: int(0, 2) }, () => valid(s.items, name, depth + 1));
    case 'number':
    case 'integer':
      return s.minimum !== undefined ? s.minimum + int(0, 3) : int(1, 5);
    case 'boolean':
      return chance(0.5);
    case 'string':
      return s.format === 'uuid' ? (pool.length ? pick(pool) : seededUuid()) : pick(['测试', '天津市测试局', '《实验动物管理条例》', 'abc', 'fuzz-1234-abcd']);
    default:
      return pick(['x', 1, null, {}]);
  }
}

const deep = (n: number, open: string, close: string, inner = '1') => open.repeat(n) + inner + close.repeat(n);
/** Values that broke something somewhere, once. */
function hostile(): unknown {
  return pick<() => unknown>([
    () => 1e-7,
    () => -1,
    () => 0,
    () => -0.000001,
    () => 1e21,
    () => 1e308,
    () => -1e308,
    () => 2 ** 53 + 1,
    () => 2 ** 31,
    () => 12.345678,
    () => 99999999999,
    () => 'x',
    () => '',
    () => ' ',
    () => 'a'.repeat(int(200, 20_000)),
    () => true,
    () => null,
    () => [],
    () => {},
    () => [null],
    () => [1e-7],
    () => ['\ud800'],
    () => '\ud800天津',
    () => '天津\udc00',
    () => '天津\u202e局',
    () => '\u200b',
    () => '\ufeff名称',
    () => 'a\u0000b',
    () => '2024-02-30',
    () => '0000-01-01',
    () => '9999-12-31',
    () => '2024-05-10T25:61:00Z',
    () => '1e-7',
    () => 'NaN',
    () => '-1',
    () => seededUuid(),
    () => '00000000-0000-0000-0000-000000000000',
    () => (pool.length ? pick(pool) : seededUuid()),
    () => ({ __proto__: null, constructor: { prototype: { isAdmin: true } } }),
    () => JSON.parse('{"__proto__":{"isAdmin":true}}'),
    () => JSON.parse(deep(int(10, 60), '[', ']')),
    () => '%00%ff',
    () => "'; DROP TABLE departments; --",
    () => '<script>alert(1)</script>',
    () => '../../etc/passwd',
  ])();
}

/** Changes one value somewhere in a body (or adds an unknown or prototype key). */
function mutate(v: unknown, depth = 0): unknown {
  if (v && typeof v === 'object' && depth < 6 && chance(0.85)) {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    if (!entries.length || chance(0.15)) {
      const key = pick(['__proto__', 'constructor', 'prototype', 'isAdmin', 'id', 'departmentId', 'state', '']);
      return Array.isArray(v) ? [...v, hostile()] : Object.defineProperty({ ...(v as object) }, key, { value: hostile(), enumerable: true, configurable: true, writable: true });
    }
    const [k, x] = pick(entries);
    if (Array.isArray(v)) {
      const copy = [...v];
      copy[Number(k)] = mutate(x, depth + 1);
      return copy;
    }
    const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    if (chance(0.1)) delete copy[k];
    else copy[k] = mutate(x, depth + 1);
    return copy;
  }
  return hostile();
}

/** A body as bytes, with its content type: usually JSON near the schema, sometimes not JSON at all. */
function jsonBody(schema: Schema | undefined): { type: string | null; bytes: Buffer } {
  const base = valid(schema);
  const r = rand();
  const text = (v: unknown) => Buffer.from(JSON.stringify(v) ?? 'null', 'utf8');
  if (r < 0.3) return { type: 'application/json', bytes: text(base) };
  if (r < 0.75) {
    let v = base;
    for (let i = chance(0.7) ? 1 : int(2, 3); i > 0; i--) v = mutate(v);
    return { type: pick(['application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8']), bytes: text(v) };
  }
  const json = JSON.stringify(base) ?? '{}';
  return pick<() => { type: string | null; bytes: Buffer }>([
    () => ({ type: 'application/json', bytes: Buffer.from(deep(int(1500, 4000), '[', ']')) }),
    () => ({ type: 'application/json', bytes: Buffer.from(deep(int(3000, 6000), '{"a":', '}')) }),
    () => ({ type: 'application/json', bytes: Buffer.from(`{"x":${deep(int(60, 70), '[', ']')}}`) }),
    () => ({ type: 'application/json', bytes: Buffer.concat([Buffer.from(json.slice(0, -1) + (json.length > 2 ? ',' : '') + '"name":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]) }),
    () => ({ type: 'application/json', bytes: Buffer.from(json.replace(/"([^"]{2,})"/, '"\\ud800$1"')) }),
    () => ({ type: 'application/json', bytes: Buffer.from(json.slice(0, Math.max(1, int(0, json.length - 1)))) }),
    () => ({ type: 'application/json', bytes: Buffer.from(pick(['null', '[]', '"str"', '1e-7', 'true', '', '{}', '{"a":1}{"b":2}', '\ufeff{}'])) }),
    () => ({ type: 'application/json; charset=utf-16', bytes: Buffer.from(json, 'utf16le') }),
    () => ({ type: 'application/json; charset=latin1', bytes: Buffer.from(json) }),
    () => ({ type: 'application/json; charset=utf-32', bytes: Buffer.from(json) }),
    () => ({ type: pick(['text/plain', 'application/xml', 'application/octet-stream', 'text/csv', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'image/png', 'application/json-patch+json']), bytes: Buffer.from(json) }),
    () => ({ type: null, bytes: Buffer.from(json) }),
    () => ({ type: 'application/x-www-form-urlencoded', bytes: Buffer.from(`name=%ff%fe&__proto__[x]=1&a=${'b'.repeat(int(1, 3000))}`) }),
    () => ({ type: 'application/json', bytes: Buffer.from(json.replace('{', '{"__proto__":{"x":1},')) }),
  ])();
}

function multipartBody(): { type: string | null; bytes: Buffer } {
  const boundary = `fuzz${int(0, 1e9)}`;
  const content = pick([
    Buffer.from('统一社会信用代码,名称,信用风险分类,分类生效日期\r\n' + (usccs[0] ?? 'x') + ',测试公司,B,2023-01-01\r\n'),
    Buffer.from([0xff, 0xfe, 0x00, 0x41]),
    Buffer.from('%PDF-1.4\n%fuzz\n'),
    Buffer.from('PK\u0003\u0004garbage'),
    Buffer.alloc(0),
    Buffer.from('a,b\r\n"unterminated'),
  ]);
  const field = pick(['file', 'file', 'file', 'upload', '']);
  const name = pick(['entities.csv', 'x.xlsx', 'evidence.pdf', '../../etc/passwd', '照片.jpg', '\u202egpj.exe']);
  const ctype = pick(['text/csv', 'application/pdf', 'image/jpeg', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  const parts = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: ${ctype}\r\n\r\n`), content, Buffer.from(`\r\n--${boundary}--\r\n`)];
  if (chance(0.1)) parts.pop(); // truncated
  return { type: chance(0.9) ? `multipart/form-data; boundary=${boundary}` : 'multipart/form-data', bytes: Buffer.concat(parts) };
}

const GARBAGE_PATH = ['not-a-uuid', '0', '-1', '99999999999999999999', '%00', '%ff%fe', '..%2f..%2fetc', 'null', '%E2%80%AE', 'a'.repeat(300), '00000000-0000-0000-0000-000000000000', 'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ', '1e-7', '2024-02-30', 'entities', '91350100M000100Y43', '%27%20OR%201%3D1'];

function pathValue(op: Operation, p: Param): string {
  const s = resolve(p.schema);
  const known = typed.get(collectionOf(op.path, p.name));
  if (known?.length && chance(0.45)) return pick(known);
  const r = rand();
  if (s.enum && r < 0.6) return encodeURIComponent(String(pick(s.enum)));
  if (p.name === 'uscc' && r < 0.6) return usccs.length ? pick(usccs) : '91350100M000100Y43';
  if (p.name === 'version' && r < 0.6) return String(int(1, 3));
  if (p.name === 'date' && r < 0.6) return pick(['2024-10-01', '2025-01-01', '2024-02-30']);
  if (r < 0.55) return pool.length ? pick(pool) : seededUuid();
  if (r < 0.7) return seededUuid();
  return pick(GARBAGE_PATH);
}

/** encodeURIComponent, with an unpaired surrogate sent as the (invalid) UTF-8 bytes of its code unit. */
const enc = (s: string) =>
  Array.from(s)
    .map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        return '%ED%A0%80';
      }
    })
    .join('');

function queryString(op: Operation): string {
  const parts: string[] = [];
  for (const p of op.params.filter((x) => x.in === 'query')) {
    if (!p.required && chance(0.5)) continue;
    const v = chance(0.6) ? valid(p.schema, p.name) : hostile();
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    parts.push(`${enc(p.name)}=${chance(0.1) ? `${enc(s)}%ff%c3` : enc(s)}`);
    if (chance(0.05)) parts.push(`${enc(p.name)}=${enc(s)}`); // repeated
  }
  if (chance(0.08)) parts.push(pick(['__proto__=1', 'constructor=x', 'surprise=1', 'page=-1', 'pageSize=1000000', 'page=1e-7', 'pageSize=1.5', 'wait=true', 'format=xml', 'q=%ff%fe', `q=${encodeURIComponent('\u202e')}`, 'a[b][c]=1', 'year=99999']));
  return parts.length ? `?${parts.join('&')}` : '';
}

function identity(): Identity {
  const r = rand();
  return r < 0.4 ? 'admin' : r < 0.6 ? 'supervisor' : r < 0.75 ? 'inspector' : r < 0.85 ? 'legal_reviewer' : r < 0.95 ? 'none' : 'forged';
}

// ---------- the run ----------
interface Failure {
  op: string;
  method: string;
  url: string;
  identity: Identity;
  contentType: string | null;
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  status: number | string;
  response: string;
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  let db: BenchDatabase | undefined;
  let app: ChildProcess | undefined;
  if (values.url) {
    BASE = new URL(values.url);
  } else {
    db = await benchDatabase('ssgk-fuzz-');
    const started = await startApp(db);
    app = started.proc;
    BASE = new URL(started.url);
  }
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(BASE.hostname)) throw new Error('the fuzzer only targets a loopback address');
  try {
    const doc = (await api('GET', '/api/openapi.json', null)).body as unknown as { paths: Record<string, Record<string, { operationId?: string; parameters?: Param[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } };
    components = doc.components.schemas;
    const ops: Operation[] = [];
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const content = op.requestBody?.content ?? {};
        const body = content['multipart/form-data'] ? 'multipart' : content['application/json'] ? 'json' : null;
        ops.push({ id: `${method.toUpperCase()} ${p}`, method: method.toUpperCase(), path: p, params: op.parameters ?? [], body, schema: content['application/json']?.schema });
      }
    }
    if (!ADMIN_PASSWORD) throw new Error('with --url, set FUZZ_ADMIN_PASSWORD to the password of the app\'s bootstrap admin');
    await seed();
    process.stdout.write(`fuzz: ${ops.length} operations, ${REQUESTS} requests, seed ${SEED}, concurrency ${CONCURRENCY}, ${pool.length} known ids, app at ${BASE.origin}\n`);

    const byStatus = new Map<string, number>();
    const byOp = new Map<string, Map<string, number>>(ops.map((o) => [o.id, new Map()]));
    const failures = fs.openSync(path.join(OUT, 'failures.jsonl'), 'w');
    let failureCount = 0;
    let sent = 0;
    const started = Date.now();
    const worker = async () => {
      while (sent < REQUESTS && Date.now() < deadline) {
        const n = sent++;
        const op = ops[n % ops.length]; // round robin: every operation gets its share
        const who = identity();
        const headers: Record<string, string> = {};
        if (who !== 'none' && tokens[who]) headers.authorization = `Bearer ${tokens[who]}`;
        if (chance(0.02)) headers.authorization = pick(['Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'a'.repeat(5000)}`, 'Bearer a.b.c']);
        const used: [string, string][] = [];
        const url =
          op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
            const v = pathValue(op, op.params.find((x) => x.name === name) ?? { name, in: 'path' });
            used.push([name, v]);
            return v;
          }) + queryString(op);
        let payload: { type: string | null; bytes: Buffer } | undefined = op.body === 'json' ? jsonBody(op.schema) : op.body === 'multipart' ? (chance(0.8) ? multipartBody() : jsonBody(undefined)) : chance(0.05) ? jsonBody(undefined) : undefined;
        if (payload?.type) headers['content-type'] = payload.type;
        if (payload && chance(0.02)) headers['content-encoding'] = pick(['gzip', 'br', 'deflate', 'compress']);
        if (chance(0.01)) payload = undefined;
        const res = await send(op.method, url, headers, payload?.bytes);
        const status = typeof res === 'string' ? res : String(res.status);
        byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
        const perOp = byOp.get(op.id)!;
        perOp.set(status, (perOp.get(status) ?? 0) + 1);
        if (typeof res !== 'string' && res.status < 300 && /json/.test(String(res.headers['content-type']))) {
          const text = res.body.toString('utf8', 0, 200_000);
          learn(text);
          if (!op.path.includes('{')) learnListed(op.path, text);
        }
        // A path value the route found (not 400/404) is an id of that collection: later requests reach further with it.
        if (typeof res !== 'string' && res.status !== 404 && res.status !== 400 && res.status < 500) for (const [name, v] of used) learnTyped(collectionOf(op.path, name), v);
        if (typeof res === 'string' || res.status >= 500) {
          failureCount++;
          const bytes = payload?.bytes ?? Buffer.alloc(0);
          const utf8 = bytes.toString('utf8');
          const f: Failure = {
            op: op.id,
            method: op.method,
            url,
            identity: who,
            contentType: payload?.type ?? null,
            body: Buffer.from(utf8, 'utf8').equals(bytes) ? utf8.slice(0, 4000) : bytes.subarray(0, 3000).toString('base64'),
            bodyEncoding: Buffer.from(utf8, 'utf8').equals(bytes) ? 'utf8' : 'base64',
            status,
            response: typeof res === 'string' ? res : res.body.toString('utf8', 0, 1000),
          };
          fs.writeSync(failures, JSON.stringify(f) + '\n');
        }
        if ((n + 1) % 10_000 === 0) process.stdout.write(`  ${n + 1} sent, ${failureCount} ≥ 500 or lost, ${Math.round(sent / ((Date.now() - started) / 1000))} req/s\n`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    fs.closeSync(failures);
    const seconds = (Date.now() - started) / 1000;
    const sortObj = (m: Map<string, number>) => Object.fromEntries([...m.entries()].sort());
    const untouched = ops.filter((o) => [...byOp.get(o.id)!.values()].reduce((a, b) => a + b, 0) === 0).map((o) => o.id);
    const summary = {
      seed: SEED,
      requests: sent,
      operations: ops.length,
      operationsNotReached: untouched,
      seconds: Math.round(seconds),
      requestsPerSecond: Math.round(sent / seconds),
      concurrency: CONCURRENCY,
      node: process.version,
      responsesByStatus: sortObj(byStatus),
      failures: failureCount,
      byOperation: Object.fromEntries([...byOp.entries()].map(([k, m]) => [k, sortObj(m)])),
    };
    fs.writeFileSync(path.join(OUT, 'summary.json'), JSON.stringify(summary, null, 2));
    process.stdout.write(`fuzz: ${sent} requests in ${summary.seconds} s (${summary.requestsPerSecond}/s) over ${ops.length} operations; by status ${JSON.stringify(summary.responsesByStatus)}; ${failureCount} ≥ 500 or lost (${OUT}/failures.jsonl)\n`);
    if (untouched.length) process.stdout.write(`fuzz: operations not reached: ${untouched.join(', ')}\n`);
    process.exitCode = failureCount ? 1 : 0;
  } finally {
    agent.destroy();
    if (app) {
      app.kill('SIGTERM');
      await new Promise((r) => app!.once('exit', r));
    }
    await db?.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`fuzz failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(2);
});
