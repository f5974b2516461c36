import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { AppExpressAdapter } from './common/http/express-adapter';
import { createOpenApiDocument } from './common/http/openapi-document';
import { validateEnv } from './config/env';
import { loadRules } from './config/rules';

/** Where the committed document lives (the console's typed client is generated from it): from src/ or dist/src/. */
export const OPENAPI_FILE = path.join(repoRoot(__dirname), 'docs', 'openapi.json');

function repoRoot(dir: string): string {
  return fs.existsSync(path.join(dir, 'package.json')) || path.dirname(dir) === dir ? dir : repoRoot(path.dirname(dir));
}

/**
 * The OpenAPI document as committed in docs/openapi.json, built without a database: Nest's preview
 * mode reads the modules and controllers' metadata but instantiates no provider (no DataSource).
 */
export async function renderOpenApiDocument(): Promise<string> {
  const env = validateEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const config = { ...env, databaseUrl: 'postgres://unused/unused', jwtSecret: 'openapi-document-only-not-a-secret-0000', rules: loadRules({}) };
  const app = await NestFactory.create(AppModule.forRoot(config), new AppExpressAdapter(), { preview: true, logger: false, abortOnError: false });
  try {
    return JSON.stringify(createOpenApiDocument(app), null, 2) + '\n';
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  renderOpenApiDocument()
    .then((text) => {
      fs.writeFileSync(OPENAPI_FILE, text);
      process.stdout.write(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}\n`);
    })
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
}
