import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Department } from '../departments/department.entity';

export const IMPORT_KINDS = ['entities', 'inspectors', 'inspector-trainings', 'inspector-exams', 'items'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_MODES = ['all-or-nothing', 'valid-only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const IMPORT_STATES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** A bulk import: the stored file, its progress and its outcome. */
@Entity('import_jobs')
@Check('ck_import_jobs_kind', `"kind" IN ('entities', 'inspectors', 'inspector-trainings', 'inspector-exams', 'items')`)
@Check('ck_import_jobs_mode', `"mode" IN ('all-or-nothing', 'valid-only')`)
@Check('ck_import_jobs_state', `"state" IN ('queued', 'running', 'succeeded', 'failed')`)
@Check('ck_import_jobs_format', `"format" IN ('csv', 'xlsx')`)
@Index('ix_import_jobs_department_kind_sha', ['departmentId', 'kind', 'fileSha256'])
@Index('ix_import_jobs_state', ['state'])
export class ImportJob {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_import_jobs' })
  id: string;

  @Column({ type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_import_jobs_department' })
  department?: Department;

  @Column({ type: 'varchar', length: 30 })
  kind: ImportKind;

  @Column({ type: 'varchar', length: 20 })
  mode: ImportMode;

  @Column({ type: 'varchar', length: 10 })
  format: 'csv' | 'xlsx';

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'char', length: 64 })
  fileSha256: string;

  @Column({ type: 'bigint' })
  fileSize: string;

  /** utf-8 or gb18030 for CSV; null for XLSX. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  encoding: string | null;

  @Column({ type: 'varchar', length: 20, default: 'queued' })
  state: ImportState;

  /** Data rows in the file, known once parsing has finished. */
  @Column({ type: 'integer', nullable: true })
  rowsTotal: number | null;

  @Column({ type: 'integer', default: 0 })
  rowsDone: number;

  /** Bytes of the stored file read so far: the job's progress while the total of rows is unknown. */
  @Column({ type: 'bigint', default: 0 })
  bytesRead: string;

  @Column({ type: 'integer', default: 0 })
  rowsFailed: number;

  @Column({ type: 'integer', default: 0 })
  inserted: number;

  @Column({ type: 'integer', default: 0 })
  updated: number;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** Touched while the job runs; a running job whose heartbeat stopped died with its process. */
  @Column({ type: 'timestamptz', nullable: true })
  heartbeatAt: Date | null;
}

/** One problem in one row of an import (the downloadable error report). */
@Entity('import_errors')
@Index('ix_import_errors_job_row', ['jobId', 'rowNumber'])
export class ImportRowError {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_import_errors' })
  id: string;

  @Column({ type: 'uuid' })
  jobId: string;

  @ManyToOne(() => ImportJob, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'fk_import_errors_job' })
  job?: ImportJob;

  @Column({ type: 'integer' })
  rowNumber: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  column: string | null;

  @Column({ type: 'text', nullable: true })
  value: string | null;

  @Column({ type: 'text' })
  message: string;
}
