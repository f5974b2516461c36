import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { CheckRecord } from '../checks/check-record.entity';
import { Department } from '../departments/department.entity';
import type { CaseDecision, CaseSource, CaseState } from './case-rules';

/**
 * 立案: a case opened from a check record (or directly, its source described), approved by a
 * supervisor other than its opener, investigated, decided (法制审核 first when major), its penalty
 * decision published within the decision deadline, and closed. Every write checks the version read.
 */
@Entity('cases')
@Unique('uq_cases_number', ['number'])
@Unique('uq_cases_department_year_seq', ['departmentId', 'year', 'seq'])
@Index('ix_cases_department_state', ['departmentId', 'state'])
@Index('ix_cases_record', ['recordId'])
@Check('ck_cases_state', `"state" IN ('pending_approval', 'not_filed', 'investigating', 'proposed', 'decided', 'closed')`)
@Check('ck_cases_source', `"source" IN ('check_record', 'complaint', 'referral', 'other_inspection', 'other')`)
@Check('ck_cases_source_record', `("source" = 'check_record') = ("record_id" IS NOT NULL)`)
export class Case {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_cases' })
  id: string;

  @Column({ type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_cases_department' })
  department?: Department;

  /** 立案编号, e.g. KJJ立〔2024〕3号: unique, from the department's counter of the year. */
  @Column({ type: 'varchar', length: 80 })
  number: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 30 })
  source: CaseSource;

  /** How the case came (complaint, referral…): required when it does not come from a check record. Internal. */
  @Column({ type: 'text', nullable: true })
  sourceDescription: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordId: string | null;

  @ManyToOne(() => CheckRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'record_id', foreignKeyConstraintName: 'fk_cases_record' })
  record?: CheckRecord;

  /** 当事人 (an entity): name and USCC, public with a penalty decision. */
  @Column({ type: 'varchar', length: 200 })
  partyName: string;

  @Column({ type: 'varchar', length: 18, nullable: true })
  partyUscc: string | null;

  /** 案由. */
  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** The provisions violated and those the decision rests on (e.g. 《实验动物管理条例》第三十条). */
  @Column({ type: 'text', array: true })
  legalProvisions: string[];

  @Column({ type: 'varchar', length: 20 })
  state: CaseState;

  @Column({ type: 'date' })
  openedOn: string;

  @Column({ type: 'uuid' })
  openedBy: string;

  /** 立案日期: the day the filing was approved. */
  @Column({ type: 'date', nullable: true })
  filedOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'jsonb', nullable: true })
  decision: CaseDecision | null;

  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  /** decidedOn + RULES_DECISION_PUBLICATION_WORKING_DAYS working days, for a penalty decision. */
  @Column({ type: 'date', nullable: true })
  publicationDeadline: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  closedBy: string | null;

  /** Internal: never public. */
  @Column({ type: 'text', nullable: true })
  closingNote: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** 调查记录: what the investigation found, dated; internal, never public. */
@Entity('case_notes')
@Index('ix_case_notes_case', ['caseId'])
export class CaseNote {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_case_notes' })
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_notes_case' })
  case?: Case;

  @Column({ type: 'date' })
  notedOn: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'uuid' })
  authorId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * The last case number given per department and year. Taken with INSERT … ON CONFLICT DO UPDATE …
 * RETURNING inside the opening transaction: concurrent openings queue on the row, and a rolled-back
 * opening gives its number back (no gaps, no duplicates).
 */
@Entity('case_number_counters')
export class CaseNumberCounter {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_case_number_counters' })
  departmentId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_case_number_counters' })
  year: number;

  @Column({ type: 'integer' })
  lastSeq: number;
}
