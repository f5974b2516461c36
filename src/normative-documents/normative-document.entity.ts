import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Department } from '../departments/department.entity';
import { LegalReview } from '../legal-reviews/legal-review.entity';

/**
 * 行政规范性文件 register: the documents themselves — title, 文号, dates, the 合法性审核 that cleared them and
 * their publication — beside the register of reviews (legal_reviews), which only counts the reviews.
 */
@Entity('normative_documents')
@Unique('uq_normative_documents_department_number', ['departmentId', 'documentNumber'])
@Index('ix_normative_documents_department_issued', ['departmentId', 'issuedOn'])
@Check('ck_normative_documents_effective', `"effective_from" >= "issued_on"`)
@Check('ck_normative_documents_expiry', `"expires_on" IS NULL OR "expires_on" >= "effective_from"`)
export class NormativeDocument {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_normative_documents' })
  id: string;

  @Column({ type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_normative_documents_department' })
  department?: Department;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** 文号, e.g. 津滨科规〔2023〕1号: unique within the department. */
  @Column({ type: 'varchar', length: 100 })
  documentNumber: string;

  /** 印发日期. */
  @Column({ type: 'date' })
  issuedOn: string;

  /** 施行日期. */
  @Column({ type: 'date' })
  effectiveFrom: string;

  /** 有效期至 (null: no expiry set). */
  @Column({ type: 'date', nullable: true })
  expiresOn: string | null;

  /** The 法制审核 (kind 行政规范性文件, passed, before issue) that cleared it. */
  @Column({ type: 'uuid' })
  legalReviewId: string;

  @ManyToOne(() => LegalReview, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'legal_review_id', foreignKeyConstraintName: 'fk_normative_documents_legal_review' })
  legalReview?: LegalReview;

  /** 公布日期: null until published (an unpublished document is no basis for administration). */
  @Column({ type: 'date', nullable: true })
  publishedOn: string | null;

  /** 公布载体, e.g. 区政府网站 / 政府公报. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  publicationChannel: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
