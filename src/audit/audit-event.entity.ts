import { Column, Entity, Index, PrimaryColumn, ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; seq stays far below 2^53, and a value that is not is refused loudly. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => {
    if (value === null) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`audit_events.seq ${value} is beyond 2^53`);
    return n;
  },
};

/**
 * One event of the full-process audit log (执法全过程记录), chained by hash (see audit-chain.ts).
 * Append-only: written by AuditService.append only, and triggers refuse UPDATE, DELETE and
 * TRUNCATE (triggers in the ChecksAndAudit migration). seq is assigned by the service (previous + 1, under an advisory
 * lock), not by a sequence: a sequence leaves gaps on rollback, and a gap must mean tampering.
 */
@Entity('audit_events')
@Index('uq_audit_events_hash', ['hash'], { unique: true })
@Index('ix_audit_events_subject', ['subjectType', 'subjectId'])
export class AuditEventRow {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_events', transformer: bigintAsNumber })
  seq: number;

  /** Milliseconds only (the service truncates), so the value hashed is exactly the value stored. */
  @Column({ type: 'timestamptz' })
  at: Date;

  /** null for the system itself (scheduled jobs, boot). No foreign key: the log outlives any account change. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 40 })
  subjectType: string;

  @Column({ type: 'varchar', length: 64 })
  subjectId: string;

  @Column({ type: 'char', length: 64, nullable: true })
  beforeHash: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  afterHash: string | null;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
