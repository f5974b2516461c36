import * as fs from 'node:fs';
import * as path from 'node:path';
import { Env } from '../config/env';
import { EmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATABASE_NAME = 'ssgk';

export interface AcquiredDatabase {
  url: string;
  embedded: boolean;
  release(): Promise<void>;
}

interface InstanceRecord {
  pid: number;
  url: string;
}

/**
 * DATABASE_URL when set; otherwise the embedded cluster in DATA_DIR. A running instance owns the
 * cluster (DATA_DIR/instance.json): a second `npm start` is refused, and the CLI borrows the
 * owner's server instead of starting (or killing) one.
 */
export async function acquireDatabase(env: Env, log: (msg: string) => void, options: { shareRunning?: boolean } = {}): Promise<AcquiredDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, release: async () => undefined };

  const dataDir = path.resolve(env.DATA_DIR);
  const instanceFile = path.join(dataDir, 'instance.json');
  const owner = readOwner(instanceFile);
  if (owner) {
    if (options.shareRunning) return { url: owner.url, embedded: true, release: async () => undefined };
    throw new Error(`another instance (pid ${owner.pid}) is already running on ${dataDir}; stop it first or use another DATA_DIR`);
  }

  const pg = new EmbeddedPostgres({ dataDir, port: env.EMBEDDED_PG_PORT, database: EMBEDDED_DATABASE_NAME, log });
  const url = await pg.start();
  fs.writeFileSync(instanceFile, JSON.stringify({ pid: process.pid, url } satisfies InstanceRecord), { mode: 0o600 });
  fs.writeFileSync(path.join(dataDir, 'embedded-url'), `${url}\n`, { mode: 0o600 });
  return {
    url,
    embedded: true,
    release: async () => {
      await pg.stop();
      fs.rmSync(instanceFile, { force: true });
      fs.rmSync(path.join(dataDir, 'embedded-url'), { force: true });
    },
  };
}

/** The owning process, if it is still a live Node process (not a recycled pid). */
function readOwner(file: string): InstanceRecord | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as InstanceRecord;
    if (record.pid === process.pid) return undefined;
    const cmdline = fs.readFileSync(`/proc/${record.pid}/cmdline`, 'utf8');
    return /node/.test(cmdline) ? record : undefined;
  } catch {
    return undefined;
  }
}
