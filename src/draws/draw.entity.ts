import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Plan } from '../plans/plan.entity';
import type { DrawResult, Stratum } from './draw-v1';

/** A draw: the public record of one run of the algorithm on a published plan. Never edited or deleted. */
@Entity('draws')
@Unique('uq_draws_plan', ['planId'])
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

  @Column({ type: 'jsonb' })
  result: DrawResult;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** 检查任务: one selected entity with its team, created by the draw. */
@Entity('tasks')
@Unique('uq_tasks_draw_entity', ['drawId', 'entityId'])
@Check('ck_tasks_state', `"state" IN ('assigned', 'unstaffed')`)
@Index('ix_tasks_plan', ['planId'])
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

  /** In draw order; the first is the team leader. */
  @Column({ type: 'jsonb' })
  team: { inspectorId: string; certificateNumber: string; leader: boolean }[];

  /** assigned: a full team; unstaffed: the pool could not fill it (recorded, not an error). */
  @Column({ type: 'varchar', length: 20 })
  state: 'assigned' | 'unstaffed';

  @Column({ type: 'date' })
  windowStart: string;

  @Column({ type: 'date' })
  windowEnd: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
