import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { todayInChina } from '../common/validation';
import { OutboxService } from '../outbox/outbox.service';
import { AuditService } from './audit.service';

/**
 * How often a running instance checks whether today's head is published. Ten minutes: a day is
 * never missed by much, and the first check comes one interval after boot, not at boot, so a
 * restart loop does not hammer the table (the day's key makes any number of checks harmless).
 */
export const AUDIT_HEAD_CHECK_MS = 10 * 60_000;

/** Outbox event kind of a published head. */
export const AUDIT_HEAD_EVENT = 'audit.head';

export type DailyHead = {
  day: string;
  seq: number;
  hash: string;
  at: string;
};

/**
 * Publishes the chain's head where others keep it, once a day (China time): a row of audit_heads
 * (the open-data dataset of the same name) and an `audit.head` event through the outbox to the
 * supervision platforms, in one transaction. The day is the table's key, so however many instances
 * check, a day is recorded and pushed once. Anyone holding an earlier head can then prove with
 * `verify-audit --head` that today's chain extends it (truncation or a recomputed rewrite cannot).
 */
@Injectable()
export class AuditHeadsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(AuditHeadsService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.publishDay()
        .catch((err: unknown) => this.log.warn(`daily audit head not published: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => (this.running = null));
    }, AUDIT_HEAD_CHECK_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * Records and pushes the head for the day of `now` (China time) unless that day already has one.
   * Returns the day's head when this call recorded it, null when it was there already or the log is empty.
   */
  async publishDay(now = new Date()): Promise<DailyHead | null> {
    const day = todayInChina(now);
    return this.dataSource.transaction(async (em) => {
      const head = await this.audit.head(em);
      if (!head) return null;
      const inserted: { day: string }[] = await em.query(
        `INSERT INTO audit_heads (day, seq, hash, at) VALUES ($1, $2, $3, $4) ON CONFLICT (day) DO NOTHING RETURNING day`,
        [day, head.seq, head.hash, head.at],
      );
      if (!inserted.length) return null;
      const published: DailyHead = { day, ...head };
      await this.outbox.enqueue(em, AUDIT_HEAD_EVENT, null, { ...published });
      return published;
    });
  }

  /** Every day's published head, oldest first (the open-data dataset audit_heads). */
  async list(): Promise<DailyHead[]> {
    const rows: { day: string; seq: string; hash: string; at: Date }[] = await this.dataSource.query('SELECT to_char(day, \'YYYY-MM-DD\') AS day, seq, hash, at FROM audit_heads ORDER BY day');
    return rows.map((r) => ({ day: r.day, seq: Number(r.seq), hash: r.hash, at: r.at.toISOString() }));
  }
}
