import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { RandomnessSource } from '../plans/plan.entity';
import { Plan } from '../plans/plan.entity';
import type { DrawResult, Stratum } from './draw-v1';
import type { Substitution } from './substitution';
import type { RandomnessSpec } from './transcript';

/**
 * A draw: the public record of one run of the algorithm on a published plan. Never edited or
 * deleted; a redraw supersedes it (and stays linked to it), so a plan has at most one current draw.
 */
@Entity('draws')
@Index('uq_draws_plan_current', ['planId'], { unique: true, where: '"superseded_at" IS NULL' })
export class Draw {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_draws' })
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_draws_plan' })
  plan?: Plan;

  @Column({ type: 'varchar', length: 20 })
  algorithm: string;

  /** drand: round, signature; commit-reveal: the revealed secret and the witnesses' entropy. */
  @Column({ type: 'jsonb' })
  randomnessProof: Record<string, unknown>;

  @Column({ type: 'char', length: 64 })
  randomness: string;

  @Column({ type: 'char', length: 64 })
  seed: string;

  /**
   * The whole result (every ticket, team and skip): large, so only the transcript reads it. Plain json
   * (stored as sent): never queried inside, and writing it is twice as fast as jsonb.
   */
  @Column({ type: 'json', select: false })
  result: DrawResult;

  /** Per-class counts and quotas, and the task counts: what the summary shows, without reading the result. */
  @Column({ type: 'jsonb' })
  strata: DrawResult['strata'];

  @Column({ type: 'integer' })
  taskCount: number;

  @Column({ type: 'integer' })
  unstaffedTaskCount: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Substitutions made since, in order (public, re-computed by the verifier). */
  @Column({ type: 'json', default: () => "'[]'" })
  substitutions: Substitution[];

  /** Set when a redraw replaced this draw (the redraw record says why). */
  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A redraw (重新抽取): requested with a reason against the current draw, which it supersedes at once;
 * its own randomness is fixed at the request (a future drand round or a new commitment), so the
 * replacement draw, too, uses inputs published before it. Public, never deleted.
 */
@Entity('redraws')
@Index('uq_redraws_replaced_draw', ['replacedDrawId'], { unique: true })
@Index('uq_redraws_draw', ['drawId'], { unique: true })
@Index('uq_redraws_plan_pending', ['planId'], { unique: true, where: '"draw_id" IS NULL' })
@Check('ck_redraws_reason', `char_length(btrim("reason")) >= 4`)
@Check('ck_redraws_randomness_source', `"randomness_source" IN ('drand-quicknet', 'commit-reveal')`)
export class Redraw {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_redraws' })
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_redraws_plan' })
  plan?: Plan;

  @Column({ type: 'uuid' })
  replacedDrawId: string;

  @ManyToOne(() => Draw, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'replaced_draw_id', foreignKeyConstraintName: 'fk_redraws_replaced_draw' })
  replacedDraw?: Draw;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 20 })
  randomnessSource: RandomnessSource;

  @Column({ type: 'bigint', nullable: true })
  drandRound: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  commitment: string | null;

  /** Never shown before the replacement draw. */
  @Column({ type: 'char', length: 64, nullable: true, select: false })
  commitSecret: string | null;

  /** The full randomness rule fixed at the request (with the named event and witnesses); null on older redraws. */
  @Column({ type: 'jsonb', nullable: true })
  randomnessSpec: RandomnessSpec | null;

  /** The announcement (ssgk-redraw-record-v1), canonical JSON, as pushed and listed at the request. */
  @Column({ type: 'text', nullable: true })
  announcementJson: string | null;

  /** The replacement draw, once made. */
  @Column({ type: 'uuid', nullable: true })
  drawId: string | null;

  @ManyToOne(() => Draw, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'draw_id', foreignKeyConstraintName: 'fk_redraws_draw' })
  draw?: Draw;

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt: Date;
}

/** A member of a task's team; in a joint plan each department sends its own team. */
export interface TeamMember {
  inspectorId: string;
  certificateNumber: string;
  departmentId: string;
  /** Leader of their department's team (the lead department's leader leads the visit). */
  leader: boolean;
}

export const TASK_STATES = ['assigned', 'unstaffed', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/**
 * SQL condition (on alias `t`) for a task that occupies its entity and team: drawn, staffed and not
 * cancelled. Repeat-check and annual-cap exclusions and the inspectors' existing load count these.
 */
export const LIVE_TASK_SQL = `t.state NOT IN ('unstaffed', 'cancelled')`;

/** 检查任务: one selected entity with its team, created by the draw. */
@Entity('tasks')
@Unique('uq_tasks_draw_entity', ['drawId', 'entityId'])
@Check('ck_tasks_state', `"state" IN ('assigned', 'unstaffed', 'cancelled')`)
@Index('ix_tasks_plan', ['planId'])
@Index('ix_tasks_uscc', ['uscc', 'windowStart'])
// GIN (jsonb_path_ops) for "my tasks": team @> [{inspectorId}]; written by hand in the migration.
@Index('ix_tasks_team', { synchronize: false })
// Covering index of the annual report (INCLUDE columns): written by hand in migration ReportIndexes.
@Index('ix_tasks_report', { synchronize: false })
export class Task {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_tasks' })
  id: string;

  @Column({ type: 'uuid' })
  drawId: string;

  @ManyToOne(() => Draw, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'draw_id', foreignKeyConstraintName: 'fk_tasks_draw' })
  draw?: Draw;

  @Column({ type: 'uuid' })
  planId: string;

  @Column({ type: 'uuid' })
  departmentId: string;

  @Column({ type: 'uuid' })
  entityId: string;

  @Column({ type: 'varchar', length: 18 })
  uscc: string;

  @Column({ type: 'char', length: 1 })
  stratum: Stratum;

  /** Position in ticket order (0 = smallest ticket). */
  @Column({ type: 'integer' })
  position: number;

  /** Per department (lead first), in draw order; the first of each is its team leader. */
  @Column({ type: 'jsonb' })
  team: TeamMember[];

  /** assigned: full teams; unstaffed: a pool could not fill its team (recorded, not an error); cancelled: its draw was superseded. */
  @Column({ type: 'varchar', length: 20 })
  state: TaskState;

  @Column({ type: 'date' })
  windowStart: string;

  @Column({ type: 'date' })
  windowEnd: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
