import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Task } from '../draws/draw.entity';
import type { RecordContent } from './record-rules';

export const RECORD_STATES = ['in_progress', 'submitted', 'returned', 'approved', 'published'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

/** What makes a result a 重大执法决定 (major enforcement decision), as entered by the team. */
export interface MajorDecision {
  /** Proposed fine in yuan; above RULES_MAJOR_PENALTY_YUAN it is major. */
  penaltyYuan: number | null;
  licenceRevocation: boolean;
  /** Marked major by the supervisor or the team whatever the amount. */
  marked: boolean;
  description: string | null;
}

/** 现场检查记录: one per task, written by the team, approved by the supervisor. */
@Entity('check_records')
@Unique('uq_check_records_task', ['taskId'])
@Check('ck_check_records_state', `"state" IN ('in_progress', 'submitted', 'returned', 'approved', 'published')`)
@Index('ix_check_records_department_state', ['departmentId', 'state'])
// Covering and partial indexes of the annual report: written by hand in migration ReportIndexes.
@Index('ix_check_records_report', { synchronize: false })
@Index('ix_check_records_report_problems', { synchronize: false })
export class CheckRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_check_records' })
  id: string;

  @Column({ type: 'uuid' })
  taskId: string;

  @ManyToOne(() => Task, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_check_records_task' })
  task?: Task;

  @Column({ type: 'uuid' })
  departmentId: string;

  @Column({ type: 'varchar', length: 20, default: 'in_progress' })
  state: RecordState;

  @Column({ type: 'date', nullable: true })
  checkDate: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  place: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  inspectorsPresent: RecordContent['inspectorsPresent'];

  @Column({ type: 'jsonb', nullable: true })
  representative: RecordContent['representative'];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  findings: RecordContent['findings'];

  @Column({ type: 'varchar', length: 40, array: true, default: () => "'{}'" })
  resultCodes: string[];

  /** Internal remarks: never public. */
  @Column({ type: 'text', nullable: true })
  remarks: string | null;

  @Column({ type: 'jsonb', nullable: true })
  majorDecision: MajorDecision | null;

  @Column({ type: 'text', nullable: true })
  returnReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  /** `version` at the last edit of fields or state; evidence uploads bump `version` only (docs/checks.md). */
  @Column({ type: 'integer', default: 1 })
  editVersion: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Evidence attached to a record, stored content-addressed on disk by SHA-256. Never public. */
@Entity('evidence_files')
@Unique('uq_evidence_files_record_sha256', ['recordId', 'sha256'])
export class EvidenceFile {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_evidence_files' })
  id: string;

  @Column({ type: 'uuid' })
  recordId: string;

  @ManyToOne(() => CheckRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'record_id', foreignKeyConstraintName: 'fk_evidence_files_record' })
  record?: CheckRecord;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 60 })
  mediaType: string;

  @Column({ type: 'bigint' })
  sizeBytes: string;

  @Column({ type: 'varchar', length: 255 })
  originalName: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** 责令改正: a requirement with a deadline in working days, and its follow-up check. */
@Entity('rectification_orders')
@Index('ix_rectification_orders_department_due', ['departmentId', 'dueOn'])
@Check('ck_rectification_orders_days', `"working_days" BETWEEN 1 AND 365`)
export class RectificationOrder {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_rectification_orders' })
  id: string;

  @Column({ type: 'uuid' })
  recordId: string;

  @ManyToOne(() => CheckRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'record_id', foreignKeyConstraintName: 'fk_rectification_orders_record' })
  record?: CheckRecord;

  @Column({ type: 'uuid' })
  departmentId: string;

  @Column({ type: 'text' })
  requirement: string;

  @Column({ type: 'integer' })
  workingDays: number;

  @Column({ type: 'date' })
  issuedOn: string;

  /** issuedOn + workingDays working days (holiday calendar with 调休 make-up days). */
  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'date', nullable: true })
  followedUpOn: string | null;

  @Column({ type: 'boolean', nullable: true })
  rectified: boolean | null;

  @Column({ type: 'text', nullable: true })
  followUpNote: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * Offline-safe writes: the first answer to (user, Idempotency-Key) is kept, and a retry gets it
 * back instead of acting twice.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_idempotency_keys' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 100, primaryKeyConstraintName: 'pk_idempotency_keys' })
  key: string;

  /** The operation the key was first used for (a key reused for another operation is refused). */
  @Column({ type: 'varchar', length: 200 })
  scope: string;

  /** SHA-256 of the request body: a retry must repeat it exactly. */
  @Column({ type: 'char', length: 64 })
  requestHash: string;

  @Column({ type: 'integer' })
  status: number;

  @Column({ type: 'jsonb' })
  response: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
