import 'reflect-metadata';
import * as fs from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { AppExpressAdapter } from './common/http/express-adapter';
import { configureApp } from './app.setup';
import { ConfigError, validateEnv } from './config/env';
import { resolveJwtSecret } from './config/runtime-config';
import { loadRules } from './config/rules';
import { acquireDatabase } from './database/database-bootstrap';

function log(message: string): void {
  process.stdout.write(JSON.stringify({ level: 30, time: Date.now(), context: 'Bootstrap', msg: message }) + '\n');
}

async function bootstrap(): Promise<void> {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const env = validateEnv(process.env);
  const rules = loadRules(process.env); // before starting anything, like the env
  const database = await acquireDatabase(env, log);
  let app: NestExpressApplication | undefined;
  let stopping = false;

  // Our own signal handling (not enableShutdownHooks): close HTTP and the pool first, then the
  // embedded PostgreSQL, then exit. Repeated signals are expected (Ctrl-C reaches npm and node,
  // and npm forwards it again) and ignored; a watchdog bounds the whole shutdown.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, shutting down`);
    setTimeout(() => {
      log('shutdown took too long; stopping the database and exiting');
      setTimeout(() => process.exit(1), 5_000).unref();
      void database.release().finally(() => process.exit(1));
    }, 30_000).unref();
    try {
      await app?.close();
    } finally {
      await database.release();
      log(database.embedded ? 'stopped (HTTP, connections and embedded PostgreSQL)' : 'stopped');
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const config = { ...env, databaseUrl: database.url, jwtSecret: resolveJwtSecret(env), rules };
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new AppExpressAdapter(), { bodyParser: false, bufferLogs: true });
    configureApp(app, config);
    await app.listen(env.PORT, env.HOST);
    log(`listening on http://${env.HOST}:${env.PORT} (API docs at /api/docs)${database.embedded ? ', embedded PostgreSQL' : ''}, Node.js ${process.version}`);
  } catch (err) {
    await app?.close().catch(() => undefined);
    await database.release();
    throw err;
  }
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
