import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RuntimeConfig } from '../config/runtime-config';
import { OutboxService } from './outbox.service';
import { envelope, renderBody } from './event-format';
import { signBody } from './signature';

const BATCH = 10;
const TIMEOUT_MS = 10_000;
const MAX_DELAY_MS = 3_600_000;

interface Due {
  id: string;
  endpoint: string;
  attempts: number;
  event_id: string;
  kind: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/**
 * Delivers due outbox entries to the configured platforms. Each batch is claimed with
 * FOR UPDATE SKIP LOCKED inside a transaction that also records the outcome, so two instances never
 * send the same delivery at once and nothing is lost if the process stops: an unfinished delivery
 * stays pending and is sent again (receivers deduplicate on X-SSGK-Event-Id).
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(OutboxWorker.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly pollMs: number;
  private readonly baseMs: number;
  private readonly maxAttempts: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.pollMs = config.get('OUTBOX_POLL_MS', { infer: true });
    this.baseMs = config.get('OUTBOX_RETRY_BASE_MS', { infer: true });
    this.maxAttempts = config.get('OUTBOX_MAX_ATTEMPTS', { infer: true });
  }

  onApplicationBootstrap(): void {
    if (this.outbox.endpoints.length) this.schedule();
  }

  /** First of the shutdown hooks: the batch in flight records its outcome before the database closes. */
  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  /** Stops polling once the batch in flight is recorded; `tick()` still sends a batch when called (tests drive it so). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then(() => undefined)
        .catch((err: unknown) => this.log.warn(`outbox tick failed: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, this.pollMs);
  }

  /** One batch: claim, send, record — in one transaction. */
  async tick(): Promise<number> {
    const byName = new Map(this.outbox.endpoints.map((e) => [e.name, e]));
    return this.dataSource.transaction(async (em) => {
      const due: Due[] = await em.query(
        `SELECT d.id, d.endpoint, d.attempts, e.id AS event_id, e.kind, e.payload, e.created_at
           FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
          WHERE d.state = 'pending' AND d.next_attempt_at <= now() AND d.endpoint = ANY($1::text[])
          ORDER BY d.next_attempt_at, d.id
          LIMIT ${BATCH}
          FOR UPDATE OF d SKIP LOCKED`,
        [[...byName.keys()]],
      );
      for (const d of due) {
        const endpoint = byName.get(d.endpoint)!;
        // Each platform in its own format (OUTBOX_ENDPOINTS format/mapping), the event version always in it.
        const body = renderBody(envelope(d.event_id, d.kind, new Date(d.created_at), d.payload), endpoint);
        let status: number | null = null;
        let error: string | null = null;
        try {
          const res = await fetch(endpoint.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-ssgk-event-id': d.event_id, 'x-ssgk-signature': signBody(endpoint.secret, body, Math.floor(Date.now() / 1000)) },
            body,
            signal: AbortSignal.timeout(TIMEOUT_MS),
          });
          status = res.status;
          await res.arrayBuffer().catch(() => undefined);
          if (!res.ok) error = `HTTP ${res.status}`;
        } catch (err) {
          error = err instanceof Error ? err.message.slice(0, 500) : String(err);
        }
        const attempts = d.attempts + 1;
        if (!error) {
          await em.query(`UPDATE outbox_deliveries SET state = 'delivered', attempts = $2, last_status = $3, last_error = NULL, delivered_at = now() WHERE id = $1`, [d.id, attempts, status]);
        } else {
          const dead = attempts >= this.maxAttempts;
          const delay = Math.min(this.baseMs * 2 ** (attempts - 1), MAX_DELAY_MS);
          await em.query(
            `UPDATE outbox_deliveries SET state = $2, attempts = $3, last_status = $4, last_error = $5, next_attempt_at = now() + ($6 || ' milliseconds')::interval WHERE id = $1`,
            [d.id, dead ? 'dead' : 'pending', attempts, status, error, String(delay)],
          );
          if (dead) this.log.warn(`outbox delivery ${d.id} to ${d.endpoint} dead after ${attempts} attempts: ${error}`);
        }
      }
      return due.length;
    });
  }
}
