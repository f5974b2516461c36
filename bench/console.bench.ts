/**
 * npm run bench:console [-- --rounds N]
 *
 * The staff console's budgets (issue 13), measured as a new user meets them:
 *   1. `npm start` in a fresh clone right after `npm install` (no dist/, no web/dist, no data): time to
 *      /health/ready — limit 20 s; then a second `npm start` with nothing changed — limit 5 s.
 *   2. Against that server, Chromium with a cold cache (a new context each round): from the click on
 *      登录 to the supervisor's 工作台 with its to-do counts — limit 1.5 s; the JavaScript the first
 *      route loads, gzipped as served — limit 400 KB. In the same run, the floor: the two API calls
 *      that screen needs (login, to-do counts), timed alone.
 *   3. The inspector's 我的任务 on a phone-sized Chromium (390×844) with the network throttled to
 *      DevTools' "Fast 3G" (CDP: 562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up, each × 0.9 as
 *      DevTools does), signed in (refresh cookie): cold cache — limit 3 s; again from the service
 *      worker's cache, still throttled — limit 1 s. Floor: the same API calls alone, unthrottled.
 * Not a test: figures go to docs/benchmarks.md with the machine line printed here.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' }, waterfall: { type: 'boolean', default: false } } });
const ROUNDS = Number(values.rounds);
/** `--waterfall`: also print the requests of the last cold and warm 我的任务 loads (start → end, ms after the navigation). */
const WATERFALL = values.waterfall;
const ROOT = path.resolve(__dirname, '..', '..');
const ADMIN_PASSWORD = 'bench-admin-password-1234';
const PASSWORD = 'bench-supervisor-password';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${Math.round(x)} ms`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(dir: string, port: number, dataDir: string): Promise<{ child: ChildProcess; seconds: number }> {
  const started = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ADMIN_PASSWORD, NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  const child = spawn('npm', ['start'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok).catch(() => false);
    if (ok) return { child, seconds: (Date.now() - started) / 1000 };
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

async function json(base: string, route: string, body?: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(base + route, {
    method: body ? 'POST' : 'GET',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/**
 * Waits until `expression` (evaluated in the page) holds, checked at every animation frame: Playwright's
 * `locator.waitFor()` re-checks after backoffs of 20, 50, 100, 100 and then every 500 ms, so a screen
 * that appears after ≈ 0.3 s of waiting was seen up to 0.5 s late (figures of this bench before
 * 2026-12-03's inspector runs are quantised so).
 */
/** The page's document, typed for what these checks read (the bench is compiled without the DOM's types). */
type Doc = { body: { innerText: string } | null; querySelector(selector: string): { getClientRects(): { length: number } } | null };

/** A function, not a string: the console's CSP forbids evaluating strings (`unsafe-eval`). */
async function appeared(page: Page, check: { text?: string; testId?: string }): Promise<void> {
  await page.waitForFunction(
    ({ text, testId }) => {
      const doc = (globalThis as unknown as { document: Doc }).document;
      if (text) return new RegExp(text).test(doc.body ? doc.body.innerText : '');
      const e = doc.querySelector(`[data-testid="${testId}"]`);
      return !!e && e.getClientRects().length > 0;
    },
    check,
    { polling: 'raf', timeout: 60_000 },
  );
}

/** DevTools' "Fast 3G" preset, as its own source defines it (bytes per second, × 0.9). */
const FAST_3G = { offline: false, latency: 150 * 3.75, downloadThroughput: ((1.44 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((675 * 1000) / 8) * 0.9 };

/**
 * One round: sign in unthrottled in a throwaway context (only its refresh cookie is kept), then a new
 * context with that cookie and an empty cache opens /console/tasks under Fast 3G; then the same
 * context opens it again, its shell now served by the service worker.
 */
async function inspectorTaskList(browser: Awaited<ReturnType<typeof launchBrowser>>, base: string): Promise<{ cold: number; warm: number }> {
  const phone = { baseURL: base, locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  const login = await browser.newContext(phone);
  const lp = await login.newPage();
  await lp.goto('/console/login');
  await lp.getByLabel('用户名').fill('benchins');
  await lp.getByLabel('密码').fill(PASSWORD);
  await lp.getByRole('button', { name: /登\s*录/ }).click();
  await lp.getByText(/共 \d+ 项任务/).waitFor();
  const cookies = await login.cookies();
  await login.close(); // its page is gone; the refresh token in the cookie was not used by it since

  const context = await browser.newContext(phone);
  await context.addCookies(cookies);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  const listed = () => appeared(page, { text: '共 \\d+ 项任务' });
  const requests: { url: string; start: number; end?: number; sw?: boolean }[] = [];
  const open = new Map<unknown, (typeof requests)[number]>();
  page.on('request', (r) => {
    const entry = { url: r.method() + ' ' + r.url().replace(base, '').replace(/\?.*/, ''), start: performance.now() - t };
    open.set(r, entry);
    requests.push(entry);
  });
  const done = (r: unknown, fromSw?: boolean) => {
    const entry = open.get(r);
    if (entry) Object.assign(entry, { end: performance.now() - t, sw: fromSw });
  };
  page.on('requestfinished', (r) => void r.response().then((res) => done(r, res?.fromServiceWorker())));
  page.on('requestfailed', (r) => done(r));
  const printWaterfall = (label: string, total: number) => {
    if (!WATERFALL) return;
    console.log(`waterfall, ${label} (listed at ${ms(total)}):`);
    for (const r of requests) console.log(`  ${String(Math.round(r.start)).padStart(5)} → ${r.end === undefined ? '    …' : String(Math.round(r.end)).padStart(5)}  ${r.sw ? '[sw] ' : ''}${r.url}`);
    requests.length = 0;
  };
  let t = performance.now();
  await page.goto('/console/tasks', { waitUntil: 'commit' });
  await listed();
  const cold = performance.now() - t;
  printWaterfall('cold', cold);
  // The service worker installs in the background after the first load: wait until it controls the page.
  // (A string: the bench is compiled without the DOM's types.)
  await new Promise((r) => setTimeout(r, 3000)); // what the first load fetches behind the list (kept for offline)
  requests.length = 0;
  await page.evaluate(`(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  })()`);
  t = performance.now();
  await page.goto('/console/tasks', { waitUntil: 'commit' });
  await listed();
  const warm = performance.now() - t;
  printWaterfall('from the service worker', warm);
  await context.close();
  return { cold, warm };
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-bench-console-'));
  const clone = path.join(work, 'clone');
  execFileSync('git', ['clone', '--quiet', '--local', ROOT, clone]);
  // Uncommitted console sources are measured too: copy web/ and src/ over the clone.
  for (const dir of ['web/src', 'web/public', 'src']) fs.cpSync(path.join(ROOT, dir), path.join(clone, dir), { recursive: true });
  for (const file of ['web/index.html', 'web/sw.js', 'web/vite.config.mts', 'web/build.mjs', 'tools/build.mjs', 'package.json']) fs.cpSync(path.join(ROOT, file), path.join(clone, file));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules')); // "right after npm install"
  const port = await freePort();
  const dataDir = path.join(work, 'data');
  let child: ChildProcess | undefined;
  try {
    const first = await startServer(clone, port, dataDir);
    await stopServer(first.child);
    const second = await startServer(clone, port, dataDir);
    child = second.child;
    const base = `http://127.0.0.1:${port}`;

    const admin = (await json(base, '/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).accessToken as string;
    const dept = await json(base, '/departments', { code: `BENCH${Date.now() % 100000}`, name: '基准测试局' }, admin);
    await json(base, '/users', { username: 'benchsup', displayName: '基准负责人', password: PASSWORD, role: 'supervisor', departmentId: dept.id }, admin);

    const floor: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      const token = (await json(base, '/auth/login', { username: 'benchsup', password: PASSWORD })).accessToken as string;
      await json(base, '/dashboard/todo', undefined, token);
      floor.push(performance.now() - t);
    }

    // An inspector with an account (no draw: its list is empty; the page, the shell and the calls are the same).
    const supervisor = (await json(base, '/auth/login', { username: 'benchsup', password: PASSWORD })).accessToken as string;
    await json(base, '/users', { username: 'benchins', displayName: '基准检查员', password: PASSWORD, role: 'inspector', departmentId: dept.id }, admin);
    const users = (await json(base, '/users?q=benchins', undefined, admin)).items as { id: string; username: string }[];
    await json(base, '/inspectors', { name: '基准检查员', certificateNumber: `BENCH-${Date.now()}`, issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2030-12-31', domains: ['实验动物'], unit: '第一所', userId: users.find((u) => u.username === 'benchins')!.id }, supervisor);

    const browser = await launchBrowser();
    const screens: number[] = [];
    const [fieldCold, fieldWarm, fieldFloor]: number[][] = [[], [], []];
    let jsGzip = 0;
    let jsFiles = 0;
    try {
      for (let i = 0; i < ROUNDS; i++) {
        const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        const scripts = new Map<string, number>();
        page.on('response', (res) => {
          if (res.request().resourceType() === 'script') void res.body().then((b) => scripts.set(res.url(), Number(res.headers()['content-length'] ?? b.length)));
        });
        await page.goto('/console/login');
        await page.getByLabel('用户名').fill('benchsup');
        await page.getByLabel('密码').fill(PASSWORD);
        const t = performance.now();
        await page.getByRole('button', { name: /登\s*录/ }).click();
        await appeared(page, { testId: 'todo-results_awaiting_approval' });
        screens.push(performance.now() - t);
        await page.waitForLoadState('networkidle');
        jsGzip = [...scripts.values()].reduce((a, b) => a + b, 0);
        jsFiles = scripts.size;
        await context.close();
      }
      for (let i = 0; i < ROUNDS; i++) {
        const r = await inspectorTaskList(browser, base);
        fieldCold.push(r.cold);
        fieldWarm.push(r.warm);
      }
      for (let i = 0; i < ROUNDS; i++) {
        const t = performance.now();
        const token = (await json(base, '/auth/login', { username: 'benchins', password: PASSWORD })).accessToken as string;
        await json(base, '/me/tasks?page=1&pageSize=100', undefined, token);
        await json(base, '/check-form/options', undefined, token);
        fieldFloor.push(performance.now() - t);
      }
    } finally {
      await browser.close();
    }

    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 20)} MiB RAM, Node ${process.version} (bench), embedded PostgreSQL`);
    console.log('| measure | product | limit in the same run |');
    console.log('|---|---:|---:|');
    console.log(`| first \`npm start\` after \`npm install\` (server + console build, database init) → ready | ${first.seconds.toFixed(1)} s | 20 s |`);
    console.log(`| second \`npm start\`, nothing changed → ready | ${second.seconds.toFixed(1)} s | 5 s |`);
    console.log(`| click 登录 → supervisor's 工作台 with counts, cold cache (median of ${ROUNDS}; max) | ${ms(median(screens))} (max ${ms(Math.max(...screens))}) | 1,500 ms; floor (login + to-do API calls alone): ${ms(median(floor))} |`);
    console.log(`| JavaScript of the first route, gzipped as served (${jsFiles} files) | ${(jsGzip / 1024).toFixed(0)} KB | 400 KB |`);
    console.log(`| inspector's 我的任务, phone, Fast 3G, cold cache (median of ${ROUNDS}; max) | ${ms(median(fieldCold))} (max ${ms(Math.max(...fieldCold))}) | 3,000 ms; floor (login + tasks + options API calls alone, unthrottled): ${ms(median(fieldFloor))} |`);
    console.log(`| inspector's 我的任务 again, from the service worker's cache, Fast 3G (median; max) | ${ms(median(fieldWarm))} (max ${ms(Math.max(...fieldWarm))}) | 1,000 ms |`);
  } finally {
    if (child) await stopServer(child).catch(() => undefined);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
