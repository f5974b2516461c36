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

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  /** Warnings (a pool error when PostgreSQL restarts) at warn; TypeORM's chatter (entity globs found) at debug. */
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = message instanceof Error ? message.message : String(message);
    if (level === 'warn') this.logger.warn(text);
    else this.logger.debug(text);
  }
}
