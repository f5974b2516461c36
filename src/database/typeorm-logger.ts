import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerInterface } from 'typeorm';

/**
 * TypeORM's messages through the app's logger (JSON lines with pino), instead of TypeORM's console
 * logger, whose plain-text lines ("Postgres pool raised an error…" when PostgreSQL restarts) broke
 * the JSON log. Queries and failed queries are not logged here: their parameters hold password
 * hashes and personal data, and failures reach the error filters, which log their codes.
 */
export class TypeOrmLogger implements TypeOrmLoggerInterface {
  private readonly logger = new NestLogger('TypeORM');

  logQuery(): void {}

  logQueryError(): void {}

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ durationMs: time, query }, 'slow query');
  }

  /** Not logged, as before (TypeORM's `logging: ['warn', 'migration']`): one line per migration found or run. */
  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  /** Warnings (a pool error when PostgreSQL restarts); TypeORM's chatter (entity globs found) is not logged, as before. */
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(message instanceof Error ? message.message : String(message));
  }
}
