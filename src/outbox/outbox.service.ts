import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BadRequestError, ConflictError, NotFoundError } from '../common/errors';
import { toPage } from '../common/http/paging';
import { OutboxEndpoint, parseOutboxEndpoints } from '../config/outbox-endpoints';
import type { RuntimeConfig } from '../config/runtime-config';
import { BackfillDto, BackfillResultDto, DeliveryDto, OutboxPageDto, OutboxQueryDto } from './dto/outbox.dto';
import { OutboxDelivery, OutboxEvent } from './outbox.entity';

/** A module that writes events: before a backfill, it writes those it never wrote (returns how many). */
export type BackfillSource = (em: EntityManager) => Promise<number>;

/** Writes events into the outbox inside the caller's transaction, and serves the admins' status page. */
@Injectable()
export class OutboxService {
  readonly endpoints: OutboxEndpoint[];
  private readonly sources = new Map<string, BackfillSource>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.endpoints = parseOutboxEndpoints(config.get('OUTBOX_ENDPOINTS', { infer: true })).endpoints;
  }

  /**
   * One event, one delivery per configured platform, due at `notBefore` (a scheduled publication's
   * time). `deliver = false`: the event only (a back-fill queues it for the platforms it targets).
   */
  async enqueue(em: EntityManager, kind: string, publicationId: string | null, payload: Record<string, unknown>, notBefore = new Date(), deliver = true): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('OutboxService.enqueue must run inside the change\'s transaction');
    const event = await em.getRepository(OutboxEvent).save(em.getRepository(OutboxEvent).create({ kind, publicationId, payload }));
    if (deliver && this.endpoints.length) {
      await em.getRepository(OutboxDelivery).insert(this.endpoints.map((e) => ({ eventId: event.id, endpoint: e.name, state: 'pending' as const, attempts: 0, nextAttemptAt: notBefore })));
    }
  }

  /** Modules whose changes produce events register here (the publication module: results published before events were kept). */
  registerBackfillSource(name: string, source: BackfillSource): void {
    this.sources.set(name, source);
  }

  /** Of these publication ids, those with at least one event (any kind). */
  async publicationsWithEvents(em: EntityManager, publicationIds: string[]): Promise<Set<string>> {
    if (!publicationIds.length) return new Set();
    const rows: { publication_id: string }[] = await em.query('SELECT DISTINCT publication_id FROM outbox_events WHERE publication_id = ANY($1::uuid[])', [publicationIds]);
    return new Set(rows.map((r) => r.publication_id));
  }

  /**
   * Back-fill: every event a configured platform has not received is queued for it, oldest first —
   * results published before the platform was configured (or before events were kept: the sources
   * write those events first). Idempotent by event id: a delivery exists once per (event, platform),
   * so running it again queues nothing new. One transaction, one back-fill at a time.
   */
  async backfill(dto: BackfillDto): Promise<BackfillResultDto> {
    if (!this.endpoints.length) throw new ConflictError('OUTBOX_NOT_CONFIGURED', '尚未配置监管平台推送地址（OUTBOX_ENDPOINTS），无法补推');
    if (dto.endpoint !== undefined && !this.endpoints.some((e) => e.name === dto.endpoint)) {
      throw new BadRequestError('OUTBOX_ENDPOINT_UNKNOWN', `未配置名为“${dto.endpoint}”的监管平台`, [{ field: 'endpoint' }]);
    }
    const targets = this.endpoints.filter((e) => dto.endpoint === undefined || e.name === dto.endpoint).map((e) => e.name);
    return this.dataSource.transaction(async (em) => {
      await em.query("SELECT pg_advisory_xact_lock(hashtext('outbox.backfill'))");
      let eventsCreated = 0;
      for (const source of this.sources.values()) eventsCreated += await source(em);
      const queued: { endpoint: string; n: number }[] = await em.query(
        `WITH missing AS (
           SELECT e.id, t.endpoint, row_number() OVER (PARTITION BY t.endpoint ORDER BY e.created_at, e.id) AS n
             FROM outbox_events e CROSS JOIN unnest($1::text[]) AS t(endpoint)
            WHERE NOT EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.event_id = e.id AND d.endpoint = t.endpoint)
         ), inserted AS (
           -- A millisecond apart, in the events' order: the worker sends by next_attempt_at.
           INSERT INTO outbox_deliveries (event_id, endpoint, state, attempts, next_attempt_at)
           SELECT id, endpoint, 'pending', 0, now() + n * interval '1 millisecond' FROM missing
           ON CONFLICT ON CONSTRAINT uq_outbox_deliveries_event_endpoint DO NOTHING
           RETURNING endpoint
         )
         SELECT endpoint, count(*)::int AS n FROM inserted GROUP BY endpoint`,
        [targets],
      );
      return { eventsCreated, queued: targets.map((endpoint) => ({ endpoint, deliveries: queued.find((q) => q.endpoint === endpoint)?.n ?? 0 })) };
    });
  }

  async list(query: OutboxQueryDto): Promise<OutboxPageDto> {
    const qb = this.dataSource.getRepository(OutboxDelivery).createQueryBuilder('d').innerJoinAndSelect('d.event', 'e');
    if (query.state) qb.where('d.state = :state', { state: query.state });
    const [rows, total] = await qb.orderBy('d.created_at', 'DESC').addOrderBy('d.id').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    const counts: { state: string; n: number }[] = await this.dataSource.query('SELECT state, count(*)::int AS n FROM outbox_deliveries GROUP BY state');
    const byState = { pending: 0, delivered: 0, dead: 0 } as Record<'pending' | 'delivered' | 'dead', number>;
    for (const c of counts) byState[c.state as keyof typeof byState] = c.n;
    return { ...toPage(rows.map(view), total, query), counts: byState, endpoints: this.endpoints.map((e) => ({ name: e.name, url: e.url, format: e.format })) };
  }

  /** A dead delivery goes back to the queue (after the platform is fixed), its attempts kept. */
  async retry(id: string): Promise<DeliveryDto> {
    const d = await this.dataSource.getRepository(OutboxDelivery).findOne({ where: { id }, relations: { event: true } });
    if (!d) throw new NotFoundError('推送记录', 'DELIVERY_NOT_FOUND');
    if (d.state !== 'dead') throw new ConflictError('DELIVERY_NOT_DEAD', '只有投递失败（已停止重试）的记录可以重新投递');
    await this.dataSource.getRepository(OutboxDelivery).update({ id, state: 'dead' }, { state: 'pending', nextAttemptAt: new Date() });
    return view({ ...d, state: 'pending', nextAttemptAt: new Date() });
  }
}

function view(d: OutboxDelivery): DeliveryDto {
  return {
    id: d.id,
    eventId: d.eventId,
    kind: d.event?.kind ?? '',
    publicationId: d.event?.publicationId ?? null,
    endpoint: d.endpoint,
    state: d.state,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}
