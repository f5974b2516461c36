import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Department } from '../departments/department.entity';
import type { Stratum, StratumRule } from '../draws/draw-v1';
import { InspectionItemVersion } from '../items/inspection-item.entity';
import type { RecusalRuleSet } from '../recusals/recusal-rules';
import type { StratumCounts } from './snapshot';

export const PLAN_STATES = ['draft', 'published', 'drawn', 'in_progress', 'completed'] as const;
export type PlanState = (typeof PLAN_STATES)[number];
export const RANDOMNESS_SOURCES = ['drand-quicknet', 'commit-reveal'] as const;
export type RandomnessSource = (typeof RANDOMNESS_SOURCES)[number];
export const REPEAT_WINDOWS = ['calendar_year', 'none'] as const;
export type RepeatWindow = (typeof REPEAT_WINDOWS)[number];

/** Narrows the items' target filters for this plan; every listed dimension must match. */
export interface CandidateFilter {
  industryCodes: string[];
  licenceTypes: string[];
  districts: string[];
}

/** 抽查计划. Editable as a draft; publishing freezes everything that decides the outcome. */
@Entity('plans')
@Check('ck_plans_state', `"state" IN ('draft', 'published', 'drawn', 'in_progress', 'completed')`)
@Check('ck_plans_team_size', `"team_size" >= 2`)
@Check('ck_plans_window', `"window_end" >= "window_start"`)
@Check('ck_plans_randomness_source', `"randomness_source" IS NULL OR "randomness_source" IN ('drand-quicknet', 'commit-reveal')`)
@Index('ix_plans_department_year', ['departmentId', 'year'])
export class Plan {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_plans' })
  id: string;

  /** The lead department: it draws the targets. */
  @Column({ type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_plans_department' })
  department?: Department;

  /** Joint departments (部门联合抽查): each draws its own inspectors for the same targets. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  jointDepartmentIds: string[];

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  state: PlanState;

  @Column({ type: 'jsonb' })
  candidateFilter: CandidateFilter;

  @Column({ type: 'jsonb' })
  sampling: Record<Stratum, StratumRule>;

  @Column({ type: 'varchar', length: 40, default: 'largest-remainder-min1' })
  rounding: string;

  @Column({ type: 'integer' })
  teamSize: number;

  /** Exclude entities already checked for the same item in this window. */
  @Column({ type: 'varchar', length: 20, default: 'calendar_year' })
  repeatWindow: RepeatWindow;

  @Column({ type: 'integer', nullable: true })
  annualCapPerEntity: number | null;

  @Column({ type: 'integer', nullable: true })
  taskCapPerInspector: number | null;

  /** The limits of the regime the plan breaks (plan-rules.ts), kept with the reason that let it through (RULES_SAMPLING_LIMIT_MODE=reason). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  ruleBreaches: { field: string; message: string }[];

  /** Why the plan may break them: required when it does, recorded in the audit chain. */
  @Column({ type: 'text', nullable: true })
  ruleBreachReason: string | null;

  /** Warnings of rules configured to warn (a draw outside the first working days of the quarter), fixed at publication. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  ruleWarnings: { code: string; message: string }[];

  @Column({ type: 'date' })
  windowStart: string;

  @Column({ type: 'date' })
  windowEnd: string;

  @Column({ type: 'jsonb' })
  recusalRules: RecusalRuleSet;

  // Fixed at publication:
  @Column({ type: 'varchar', length: 20, nullable: true })
  randomnessSource: RandomnessSource | null;

  @Column({ type: 'bigint', nullable: true })
  drandRound: string | null;

  /** Commit-reveal: SHA-256 of the server's secret, published; the secret is revealed at the draw. */
  @Column({ type: 'char', length: 64, nullable: true })
  commitment: string | null;

  /** Never shown before the draw. */
  @Column({ type: 'char', length: 64, nullable: true, select: false })
  commitSecret: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  candidatePoolHash: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  inspectorPoolHash: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  parametersHash: string | null;

  /** The canonical parameters text whose SHA-256 is parametersHash. */
  @Column({ type: 'text', nullable: true })
  parametersJson: string | null;

  @Column({ type: 'jsonb', nullable: true })
  stratumCounts: Record<Stratum, StratumCounts> | null;

  /** Declared conflicts in force on the window's first day, frozen at publication (certificate × USCC). */
  @Column({ type: 'jsonb', nullable: true })
  conflicts: { certificateNumber: string; uscc: string; validFrom: string; validUntil: string | null }[] | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** The publication record (ssgk-publication-record-v1), canonical JSON, as pushed and listed at publication. */
  @Column({ type: 'text', nullable: true })
  publicationJson: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The item versions a plan checks (kept even when the item gets newer versions). */
@Entity('plan_items')
export class PlanItem {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_plan_items' })
  planId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_plan_items' })
  itemVersionId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_plan_items_plan' })
  plan?: Plan;

  @ManyToOne(() => InspectionItemVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_version_id', foreignKeyConstraintName: 'fk_plan_items_item_version' })
  itemVersion?: InspectionItemVersion;
}

/** One line of the frozen candidate pool. */
@Entity('plan_candidates')
export class PlanCandidate {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_plan_candidates' })
  planId: string;

  /** Collation "C": the snapshot is ordered by the USCC's bytes, and the primary key then serves that order. */
  @PrimaryColumn({ type: 'varchar', length: 18, collation: 'C', primaryKeyConstraintName: 'pk_plan_candidates' })
  uscc: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_plan_candidates_plan' })
  plan?: Plan;

  @Column({ type: 'uuid' })
  entityId: string;

  @Column({ type: 'char', length: 1 })
  stratum: Stratum;

  @Column({ type: 'varchar', length: 40, nullable: true })
  excluded: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  supervisingUnit: string | null;

  @Column({ type: 'varchar', length: 50, array: true, default: () => "'{}'" })
  lastInspectors: string[];
}

/** One line of the frozen inspector pool. */
@Entity('plan_inspectors')
export class PlanInspector {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_plan_inspectors' })
  planId: string;

  @PrimaryColumn({ type: 'varchar', length: 50, primaryKeyConstraintName: 'pk_plan_inspectors' })
  certificateNumber: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_plan_inspectors_plan' })
  plan?: Plan;

  @Column({ type: 'uuid' })
  inspectorId: string;

  /** The department the inspector serves (lead or joint): each department's team comes from its own inspectors. */
  @Column({ type: 'uuid' })
  departmentId: string;

  @Column({ type: 'boolean' })
  eligible: boolean;

  @Column({ type: 'varchar', length: 100, array: true, default: () => "'{}'" })
  domains: string[];

  @Column({ type: 'varchar', length: 100, nullable: true })
  unit: string | null;

  @Column({ type: 'integer', default: 0 })
  existingTasks: number;
}

export const SNAPSHOT_KINDS = ['candidates', 'inspectors'] as const;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

/**
 * The exact bytes of a frozen pool snapshot, kept as published: the draw and the transcript read
 * these, never a re-rendering of the rows (which a later code change could alter).
 */
@Entity('plan_snapshots')
@Check('ck_plan_snapshots_kind', `"kind" IN ('candidates', 'inspectors')`)
export class PlanSnapshot {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_plan_snapshots' })
  planId: string;

  @PrimaryColumn({ type: 'varchar', length: 20, primaryKeyConstraintName: 'pk_plan_snapshots' })
  kind: SnapshotKind;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_plan_snapshots_plan' })
  plan?: Plan;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;
}
