/**
 * npm run bench:login [-- --rounds N]
 *
 * Timing of the login's answers (issue 12 §5: refusals must not tell usernames apart by their time).
 * Through HTTP, interleaved round by round so that machine load hits every case alike:
 *   - an existing username with a wrong password (a fresh client address each time: not throttled);
 *   - an unknown username (likewise);
 *   - an existing and an unknown username while throttled (one address, past the free failures);
 *   - a successful login, for reference;
 * and in the same run the limit: one argon2id verification alone (what every answer must cost).
 * Uses BENCH_DATABASE_URL if set (a database whose name contains "bench"), else a throwaway embedded PostgreSQL.
 */
import 'reflect-metadata';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { validateEnv } from '../src/config/env';
import { loadRules } from '../src/config/rules';
import { DepartmentsService } from '../src/departments/departments.service';
import { hashPassword, UsersService } from '../src/users/users.service';
import { benchDatabase } from './bench-database';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '40' } } });
const ROUNDS = Number(values.rounds);
const PASSWORD = 'bench-password-123';

function stats(ms: number[]): { median: number; p90: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: Math.round(at(0.5) * 10) / 10, p90: Math.round(at(0.9) * 10) / 10 };
}

async function main(): Promise<void> {
  const db = await benchDatabase('ssgk-bench-login-');
  let app: NestExpressApplication | undefined;
  try {
    const env = validateEnv({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
      DATA_DIR: path.join(db.dir, 'data'),
      ADMIN_PASSWORD: 'bench-admin-password',
      TRUST_PROXY: 'true',
      LOGIN_RATE_LIMIT_PER_MINUTE: '0', // the throttle is measured, not the rate limit
      LOGIN_ACCOUNT_FAILURES: '1000000',
    });
    const config = { ...env, databaseUrl: db.url, jwtSecret: env.JWT_SECRET!, rules: loadRules({}) };
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: ['error', 'warn'] });
    configureApp(app, config);
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const department = await app.get(DepartmentsService).create({ code: 'LOGINBENCH', name: '登录基准局' });
    for (const username of ['benchuser', 'benchthrottled']) {
      await app.get(UsersService).create({ username, displayName: '基准', password: PASSWORD, role: 'inspector', departmentId: department.id });
    }
    const login = async (username: string, password: string, address: string): Promise<{ ms: number; status: number }> => {
      const t = process.hrtime.bigint();
      const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ username, password }) });
      await res.arrayBuffer();
      return { ms: Number(process.hrtime.bigint() - t) / 1e6, status: res.status };
    };
    // Past the free failures at one address, for both throttled cases; then (setup, not measured) the
    // wait is stretched past the run, as after a long guessing session.
    for (let i = 0; i < 6; i++) {
      await login('benchthrottled', 'wrong-guess', '198.18.255.1');
      await login('nobody-throttled', 'wrong-guess', '198.18.255.1');
    }
    await app.get(DataSource).query(`UPDATE login_throttles SET blocked_until = now() + interval '1 hour' WHERE address = '198.18.255.1'`);
    const hash = await hashPassword(PASSWORD);
    const cases: Record<string, { run: (i: number) => Promise<{ ms: number; status: number }>; expect: number; ms: number[] }> = {
      'existing username, wrong password': { run: (i) => login('benchuser', 'wrong-guess', `198.18.1.${i % 250}`), expect: 401, ms: [] },
      'unknown username': { run: (i) => login(`nobody${i}`, 'wrong-guess', `198.18.2.${i % 250}`), expect: 401, ms: [] },
      'existing username, throttled (right password)': { run: () => login('benchthrottled', PASSWORD, '198.18.255.1'), expect: 401, ms: [] },
      'unknown username, throttled': { run: () => login('nobody-throttled', 'wrong-guess', '198.18.255.1'), expect: 401, ms: [] },
      'successful login (reference)': { run: (i) => login('benchuser', PASSWORD, `198.18.3.${i % 250}`), expect: 200, ms: [] },
      'limit: one argon2id verify alone': {
        run: async () => {
          const t = process.hrtime.bigint();
          await argon2.verify(hash, 'wrong-guess');
          return { ms: Number(process.hrtime.bigint() - t) / 1e6, status: 401 };
        },
        expect: 401,
        ms: [],
      },
    };
    for (let i = 0; i < ROUNDS; i++) {
      for (const [name, c] of Object.entries(cases)) {
        const { ms, status } = await c.run(i);
        if (status !== c.expect) throw new Error(`${name}: answered ${status}, expected ${c.expect}`);
        if (i > 0) c.ms.push(ms); // the first round warms up
      }
    }
    console.log(`\nlogin answer times, ${ROUNDS - 1} rounds (${db.label}, Node ${process.version})\n`);
    console.log('| Case | median ms | p90 ms |\n|---|---|---|');
    for (const [name, c] of Object.entries(cases)) {
      const s = stats(c.ms);
      console.log(`| ${name} | ${s.median} | ${s.p90} |`);
    }
  } finally {
    await app?.close();
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
