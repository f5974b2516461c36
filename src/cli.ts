import 'reflect-metadata';
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { QueryFailedError } from 'typeorm';
import { AppModule } from './app.module';
import { constraintError, DomainError } from './common/errors';
import { flattenValidationErrors } from './common/http/validation';
import { ConfigError, validateEnv } from './config/env';
import { resolveJwtSecret } from './config/runtime-config';
import { loadRules } from './config/rules';
import { acquireDatabase } from './database/database-bootstrap';
import { CreateDepartmentDto } from './departments/dto/department.dto';
import { DepartmentsService } from './departments/departments.service';
import { CreateUserDto } from './users/dto/user.dto';
import { UsersService } from './users/users.service';
import { BackfillDto } from './outbox/dto/outbox.dto';
import { OutboxService } from './outbox/outbox.service';

const USAGE = `Usage:
  npm run cli -- create-department --code CODE --name NAME
  npm run cli -- create-user --username NAME --password PASSWORD --role admin|supervisor|inspector|legal_reviewer
                             [--department DEPARTMENT_CODE] [--display-name 显示名]
  npm run cli -- outbox-backfill [--endpoint PLATFORM_NAME]
      queue for the configured platforms (OUTBOX_ENDPOINTS; or one) every event they have not received;
      idempotent (running it again queues nothing new)

Uses DATABASE_URL, or the embedded database in DATA_DIR (borrowing a running instance's server).`;

class UsageError extends Error {}

async function validated<T extends object>(cls: new () => T, plain: object): Promise<T> {
  const dto = plainToInstance(cls, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    const lines = flattenValidationErrors(errors).map((e) => `  - ${e.field}: ${Object.values(e.constraints).join('; ')}`);
    throw new UsageError(`invalid arguments:\n${lines.join('\n')}`);
  }
  return dto;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      code: { type: 'string' },
      name: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      department: { type: 'string' },
      'display-name': { type: 'string' },
      endpoint: { type: 'string' },
    },
    strict: true,
  });
  if (command !== 'create-user' && command !== 'create-department' && command !== 'outbox-backfill') throw new UsageError(USAGE);

  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const env = validateEnv({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const database = await acquireDatabase(env, () => undefined, { shareRunning: true });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...env, databaseUrl: database.url, jwtSecret: resolveJwtSecret(env), rules: loadRules(process.env) }), {
    logger: ['error', 'warn'],
  });
  try {
    if (command === 'outbox-backfill') {
      const result = await app.get(OutboxService).backfill(await validated(BackfillDto, values.endpoint === undefined ? {} : { endpoint: values.endpoint }));
      process.stdout.write(`events written: ${result.eventsCreated}\n${result.queued.map((q) => `queued for ${q.endpoint}: ${q.deliveries}`).join('\n')}\n`);
      return;
    }
    if (command === 'create-department') {
      const dto = await validated(CreateDepartmentDto, { code: values.code, name: values.name });
      const created = await app.get(DepartmentsService).create(dto);
      process.stdout.write(`created department ${created.code} ${created.name} (${created.id})\n`);
      return;
    }
    let departmentId: string | undefined;
    if (values.department) {
      const department = await app.get(DepartmentsService).findByCode(values.department);
      if (!department) throw new UsageError(`no department with code "${values.department}"`);
      departmentId = department.id;
    }
    const dto = await validated(CreateUserDto, {
      username: values.username,
      password: values.password,
      role: values.role,
      departmentId,
      displayName: values['display-name'] ?? values.username,
    });
    const created = await app.get(UsersService).create(dto);
    process.stdout.write(`created ${created.role} account "${created.username}" (${created.id})\n`);
  } finally {
    await app.close();
    await database.release();
  }
}

function describe(err: unknown): string {
  if (err instanceof UsageError || err instanceof ConfigError || err instanceof DomainError) return err.message;
  if (err instanceof QueryFailedError) {
    const known = constraintError((err.driverError as { constraint?: string }).constraint);
    if (known) return `${known.code}: ${known.message}`;
  }
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${describe(err)}\n`);
  process.exit(1);
});
