import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AppExpressAdapter } from '../../src/common/http/express-adapter';
import { configureApp } from '../../src/app.setup';
import { validateEnv } from '../../src/config/env';
import { RuntimeConfig } from '../../src/config/runtime-config';
import { loadRules } from '../../src/config/rules';

export const TEST_ADMIN_PASSWORD = 'test-admin-password-1234';

/**
 * Most suites build a past year's history (plans of 2023–2024 drawn in 2026, dozens of draws of the same
 * entities, class counts far above the ratio limits of general items): they boot with the rules that refuse
 * such plans relaxed, as a bureau loading its history would. test/plan-rules.e2e-spec.ts boots with the
 * shipped defaults (docs/configuration.md) and tests each rule; a suite may override any of these.
 */
export const HISTORY_RULES: Record<string, string> = {
  RULES_PAST_PLANS: 'allow',
  RULES_ANNUAL_CAP_PER_ENTITY: '0',
  RULES_GENERAL_ITEM_MAX_RATIOS: 'A:100,B:100,C:100,D:100',
};

/**
 * Boots the real AppModule over HTTP against the run's migrated test database, or against
 * `options.databaseUrl` (a suite's private cluster, e.g. one it stops and starts) or
 * `overrides.DATABASE_URL` (a suite's own database, own-database.ts); `clockFixedAt` freezes its Clock;
 * `shippedRules` boots with the shipped rule defaults instead of HISTORY_RULES.
 */
export async function bootApp(
  overrides: Record<string, string> = {},
  options: { clockFixedAt?: string; databaseUrl?: string; shippedRules?: boolean } = {},
): Promise<NestExpressApplication> {
  const url = options.databaseUrl ?? overrides.DATABASE_URL ?? process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set: run the e2e suites through test/jest-e2e.json');
  const env = validateEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MIGRATIONS_RUN: 'false',
    JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-e2e-data-')),
    DB_POOL_SIZE: '4',
    PUBLIC_DB_POOL_SIZE: '2',
    ...overrides,
  });
  const config: RuntimeConfig = { ...env, databaseUrl: url, jwtSecret: env.JWT_SECRET!, rules: loadRules(options.shippedRules ? overrides : { ...HISTORY_RULES, ...overrides }), clockFixedAt: options.clockFixedAt };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>(new AppExpressAdapter(), { bodyParser: false, bufferLogs: true });
  configureApp(app, config);
  await app.init();
  return app;
}

export function dataSourceOf(app: NestExpressApplication): DataSource {
  return app.get(DataSource);
}

export function http(app: NestExpressApplication) {
  return request(app.getHttpServer());
}
