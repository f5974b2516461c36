import { Client } from 'pg';

/** Refuses any database whose name does not say it is for tests: these suites drop and recreate it. */
export function assertTestDatabase(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/test/i.test(name)) {
    throw new Error(`refusing to run tests against database "${name}": its name must contain "test"`);
  }
  return name;
}

/** Drops the named test database on the server of `url`, and recreates it empty when `recreate`. */
export async function dropDatabase(url: string, recreate = false): Promise<void> {
  const name = assertTestDatabase(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
    if (recreate) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Drops and recreates the named test database on the server of `url`. */
export function recreateDatabase(url: string): Promise<void> {
  return dropDatabase(url, true);
}
