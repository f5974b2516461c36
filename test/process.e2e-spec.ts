import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../src/database/embedded-postgres';

/**
 * The real `node dist/src/main.js` with no DATABASE_URL: embedded PostgreSQL start, config errors,
 * a second instance, `kill -9` and restart, clean SIGTERM shutdown.
 */
const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  delete clean.TEST_DATABASE_URL;
  delete clean.E2E_DATABASE_URL;
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { ...clean, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitReady(port: number, proc: Started, timeoutMs = 45_000): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (proc.child.exitCode !== null) throw new Error(`exited early (${proc.child.exitCode}):\n${proc.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) return Date.now() - t0;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready after ${timeoutMs} ms:\n${proc.output()}`);
}

function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the service process (npm start)', () => {
  let dataDir: string;
  beforeAll(() => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-process-'));
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits at once with a message naming a bad variable', async () => {
    const proc = start({ PORT: 'not-a-port', DATA_DIR: dataDir, DB_POOL_SIZE: '0' });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(/PORT/);
    expect(proc.output()).toMatch(/DB_POOL_SIZE/);
  });

  it('starts on embedded PostgreSQL, refuses a second instance, survives kill -9, and stops cleanly', async () => {
    const port = await freePort();
    const env = { PORT: String(port), DATA_DIR: dataDir, ADMIN_PASSWORD: 'process-test-password' };

    const first = start(env);
    await waitReady(port, first);
    const docs = await fetch(`http://127.0.0.1:${port}/api/docs`);
    expect(docs.status).toBe(200);
    const login = await fetch(`http://127.0.0.1:${port}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'process-test-password' }),
    });
    expect(login.status).toBe(200);

    const second = start({ ...env, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already running/);

    const orphan = postmasterPid(dataDir);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(alive(orphan)).toBe(true); // the server outlived Node: the next start must cope

    const again = start(env);
    await waitReady(port, again);
    expect(alive(orphan)).toBe(false);
    expect(again.output()).toMatch(/orphaned PostgreSQL/);
    const loginAgain = await fetch(`http://127.0.0.1:${port}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'process-test-password' }),
    });
    expect(loginAgain.status).toBe(200); // same data, after the crash

    const serverPid = postmasterPid(dataDir);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect(alive(serverPid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'instance.json'))).toBe(false);
  });
});
