import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../common/errors';
import { toPage } from '../common/http/paging';
import { OutboxEndpoint, parseOutboxEndpoints } from '../config/outbox-endpoints';
import type { RuntimeConfig } from '../config/runtime-config';
import { DeliveryDto, OutboxPageDto, OutboxQueryDto } from './dto/outbox.dto';
import { OutboxDelivery, OutboxEvent } from './outbox.entity';

/** Writes events into the outbox inside the caller's transaction, and serves the admins' status page. */
@Injectable()
export class OutboxService {
  readonly endpoints: OutboxEndpoint[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.endpoints = parseOutboxEndpoints(config.get('OUTBOX_ENDPOINTS', { infer: true })).endpoints;
  }

  /** One event, one delivery per configured platform, due at `notBefore` (a scheduled publication's time). */
  async enqueue(em: EntityManager, kind: string, publicationId: string | null, payload: Record<string, unknown>, notBefore = new Date()): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('OutboxService.enqueue must run inside the change\'s transaction');
    const event = await em.getRepository(OutboxEvent).save(em.getRepository(OutboxEvent).create({ kind, publicationId, payload }));
    if (this.endpoints.length) {
      await em.getRepository(OutboxDelivery).insert(this.endpoints.map((e) => ({ eventId: event.id, endpoint: e.name, state: 'pending' as const, attempts: 0, nextAttemptAt: notBefore })));
    }
  }

  async list(query: OutboxQueryDto): Promise<OutboxPageDto> {
    const qb = this.dataSource.getRepository(OutboxDelivery).createQueryBuilder('d').innerJoinAndSelect('d.event', 'e');
    if (query.state) qb.where('d.state = :state', { state: query.state });
    const [rows, total] = await qb.orderBy('d.created_at', 'DESC').addOrderBy('d.id').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    const counts: { state: string; n: number }[] = await this.dataSource.query('SELECT state, count(*)::int AS n FROM outbox_deliveries GROUP BY state');
    const byState = { pending: 0, delivered: 0, dead: 0 } as Record<'pending' | 'delivered' | 'dead', number>;
    for (const c of counts) byState[c.state as keyof typeof byState] = c.n;
    return { ...toPage(rows.map(view), total, query), counts: byState, endpoints: this.endpoints.map((e) => ({ name: e.name, url: e.url })) };
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
