import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * Transactional outbox: an event is written in the same transaction as the change it reports
 * (a publication), so it exists exactly when the change does; deliveries carry it to each platform.
 */
@Entity('outbox_events')
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_outbox_events' })
  id: string;

  /** e.g. publication.published, publication.corrected, publication.withdrawn. */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'uuid', nullable: true })
  publicationId: string | null;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export const DELIVERY_STATES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One event to one configured endpoint: retried with backoff, dead-lettered after the last attempt. */
@Entity('outbox_deliveries')
@Unique('uq_outbox_deliveries_event_endpoint', ['eventId', 'endpoint'])
@Index('ix_outbox_deliveries_due', ['state', 'nextAttemptAt'])
@Check('ck_outbox_deliveries_state', `"state" IN ('pending', 'delivered', 'dead')`)
export class OutboxDelivery {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_outbox_deliveries' })
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => OutboxEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_outbox_deliveries_event' })
  event?: OutboxEvent;

  /** The endpoint's configured name (OUTBOX_ENDPOINTS). */
  @Column({ type: 'varchar', length: 100 })
  endpoint: string;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  state: DeliveryState;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ type: 'integer', nullable: true })
  lastStatus: number | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
