import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The chain's head as published for one day (China time): in the open-data feed (audit_heads) and
 * pushed to the supervision platforms (outbox event audit.head). Written by AuditHeadsService only;
 * append-only (triggers in the AuditHeads migration).
 */
@Entity('audit_heads')
export class AuditHeadRow {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_audit_heads' })
  day: string;

  /** bigint, read as a string by pg. */
  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'char', length: 64 })
  hash: string;

  /** When the head event was recorded. */
  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
