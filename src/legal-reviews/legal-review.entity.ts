import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Case } from '../cases/case.entity';
import { CheckRecord } from '../checks/check-record.entity';
import { Department } from '../departments/department.entity';

export const REVIEW_KINDS = ['major_administrative_decision', 'major_enforcement_decision', 'normative_document'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = {
  major_administrative_decision: '重大行政决策',
  major_enforcement_decision: '重大执法决定',
  normative_document: '行政规范性文件',
};
export const REVIEW_DECISIONS = ['pass', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * 法制审核 register: every legal review of a department — of check results leading to a major
 * enforcement decision, and of decisions and normative documents entered by hand — in one place,
 * so the annual count comes from here.
 */
@Entity('legal_reviews')
@Index('ix_legal_reviews_department_date', ['departmentId', 'reviewedOn'])
@Index('ix_legal_reviews_record', ['recordId'])
@Index('ix_legal_reviews_case', ['caseId'])
@Check('ck_legal_reviews_kind', `"kind" IN ('major_administrative_decision', 'major_enforcement_decision', 'normative_document')`)
@Check('ck_legal_reviews_decision', `"decision" IN ('pass', 'return')`)
@Check('ck_legal_reviews_reasons', `"decision" = 'pass' OR "reasons" IS NOT NULL`)
export class LegalReview {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_legal_reviews' })
  id: string;

  @Column({ type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_legal_reviews_department' })
  department?: Department;

  @Column({ type: 'varchar', length: 40 })
  kind: ReviewKind;

  /** The check record reviewed (重大执法决定 from a check), or null for entries made by hand. */
  @Column({ type: 'uuid', nullable: true })
  recordId: string | null;

  @ManyToOne(() => CheckRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'record_id', foreignKeyConstraintName: 'fk_legal_reviews_record' })
  record?: CheckRecord;

  /** The version of the check record the reviewer read: approval needs a pass of the version approved. */
  @Column({ type: 'integer', nullable: true })
  recordVersion: number | null;

  /** The case (立案) whose proposed decision was reviewed (重大执法决定 of a case), or null. */
  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_legal_reviews_case' })
  case?: Case;

  /** The version of the case the reviewer read: the decision needs a pass of the version decided. */
  @Column({ type: 'integer', nullable: true })
  caseVersion: number | null;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'uuid', nullable: true })
  reviewerId: string | null;

  @Column({ type: 'varchar', length: 100 })
  reviewerName: string;

  /** Internal: never public. */
  @Column({ type: 'text' })
  opinion: string;

  @Column({ type: 'varchar', length: 10 })
  decision: ReviewDecision;

  @Column({ type: 'text', nullable: true })
  reasons: string | null;

  @Column({ type: 'date' })
  reviewedOn: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
