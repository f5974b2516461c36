import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Inspector } from './inspector.entity';

export const INSPECTOR_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type InspectorStatus = (typeof INSPECTOR_STATUSES)[number];

/** Status history: the status on a date is the latest change effective on or before it (none: active). */
@Entity('inspector_status_changes')
@Check('ck_inspector_status_changes_status', `"status" IN ('active', 'suspended', 'revoked')`)
@Index('ix_inspector_status_changes_inspector_date', ['inspectorId', 'effectiveDate'])
export class InspectorStatusChange {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_inspector_status_changes' })
  id: string;

  @Column({ type: 'uuid' })
  inspectorId: string;

  @ManyToOne('Inspector', 'statusChanges', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inspector_id', foreignKeyConstraintName: 'fk_inspector_status_changes_inspector' })
  inspector?: Inspector;

  @Column({ type: 'varchar', length: 20 })
  status: InspectorStatus;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'date' })
  effectiveDate: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity('inspector_trainings')
@Unique('uq_inspector_trainings_inspector_date_topic', ['inspectorId', 'date', 'topic'])
@Check('ck_inspector_trainings_hours', `"hours" > 0 AND "hours" <= 1000`)
@Index('ix_inspector_trainings_inspector_date', ['inspectorId', 'date'])
export class InspectorTraining {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_inspector_trainings' })
  id: string;

  @Column({ type: 'uuid' })
  inspectorId: string;

  @ManyToOne('Inspector', 'trainings', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inspector_id', foreignKeyConstraintName: 'fk_inspector_trainings_inspector' })
  inspector?: Inspector;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'numeric', precision: 6, scale: 1 })
  hours: string;

  @Column({ type: 'varchar', length: 200 })
  topic: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity('inspector_exams')
@Unique('uq_inspector_exams_inspector_year', ['inspectorId', 'year'])
@Check('ck_inspector_exams_score', `"score" IS NULL OR ("score" >= 0 AND "score" <= 100)`)
export class InspectorExam {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_inspector_exams' })
  id: string;

  @Column({ type: 'uuid' })
  inspectorId: string;

  @ManyToOne('Inspector', 'exams', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inspector_id', foreignKeyConstraintName: 'fk_inspector_exams_inspector' })
  inspector?: Inspector;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'boolean' })
  passed: boolean;

  @Column({ type: 'numeric', precision: 5, scale: 1, nullable: true })
  score: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
