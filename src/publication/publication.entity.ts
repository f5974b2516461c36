import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CheckRecord } from '../checks/check-record.entity';
import type { PublicResult } from './public-view';

export const PUBLICATION_STATES = ['pending', 'published', 'withdrawn'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];
/** SQL (alias `p`): visible to the public — published or later withdrawn, and its (scheduled) time has come. */
export const PUBLIC_VISIBLE_SQL = `p.state IN ('published', 'withdrawn') AND p.published_at <= now()`;

export const RESULT_TYPES = ['general', 'decision'] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

/**
 * 一公开: the public record of an approved check result. Created pending (with its deadline) when the
 * record is approved; published at once or at a set time; never edited — a correction is a new
 * version with a reason, and withdrawal is a recorded state. The public sees only `payload`, built
 * from an allow-list (public-view.ts), and the search columns copied from it.
 */
@Entity('publications')
@Unique('uq_publications_record_version', ['recordId', 'version'])
@Check('ck_publications_state', `"state" IN ('pending', 'published', 'withdrawn')`)
@Check('ck_publications_result_type', `"result_type" IN ('general', 'decision')`)
@Index('ix_publications_department_deadline', ['departmentId', 'deadline'])
@Index('ix_publications_draw', ['drawId'])
@Index('ix_publications_uscc', ['uscc'])
// GIN trigram index on entity_name for the public name search: written by hand in the migration.
@Index('ix_publications_entity_name_trgm', { synchronize: false })
// GIN over name_grams(entity_name) for one- and two-character searches (migration NameBigramSearch, ADR 0024).
@Index('ix_publications_entity_name_grams', { synchronize: false })
// The public results' default order, partial (current versions): migration NameBigramSearch.
@Index('ix_publications_public_order', { synchronize: false })
@Index('uq_publications_record_current', { synchronize: false })
// Covering index of the annual report: written by hand in migration ReportIndexes.
@Index('ix_publications_report', { synchronize: false })
export class Publication {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_publications' })
  id: string;

  @Column({ type: 'uuid' })
  recordId: string;

  @ManyToOne(() => CheckRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'record_id', foreignKeyConstraintName: 'fk_publications_record' })
  record?: CheckRecord;

  /** 1 for the original; each correction adds one. Only the latest version is current. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'boolean', default: true })
  current: boolean;

  @Column({ type: 'varchar', length: 20 })
  state: PublicationState;

  @Column({ type: 'varchar', length: 20 })
  resultType: ResultType;

  @Column({ type: 'uuid' })
  departmentId: string;

  @Column({ type: 'uuid' })
  planId: string;

  @Column({ type: 'uuid' })
  drawId: string;

  @Column({ type: 'uuid' })
  taskId: string;

  @Column({ type: 'date' })
  checkDate: string;

  /** checkDate + 20 (or 7) working days. */
  @Column({ type: 'date' })
  deadline: string;

  /** When it is (or was scheduled to be) visible to the public. */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'varchar', length: 200 })
  entityName: string;

  @Column({ type: 'varchar', length: 18 })
  uscc: string;

  @Column({ type: 'varchar', length: 50, array: true })
  itemCodes: string[];

  @Column({ type: 'varchar', length: 40, array: true })
  resultCodes: string[];

  @Column({ type: 'jsonb' })
  payload: PublicResult;

  @Column({ type: 'text', nullable: true })
  correctionReason: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawnReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
