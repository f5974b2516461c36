import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Department } from '../departments/department.entity';
import { Inspector } from '../inspectors/inspector.entity';
import { RegulatedEntity } from '../regulated-entities/regulated-entity.entity';

export const CONFLICT_SOURCES = ['supervisor', 'entity_application'] as const;
export type ConflictSource = (typeof CONFLICT_SOURCES)[number];

/** 回避: a declared conflict between an inspector and an entity for a period. Revoked, never deleted. */
@Entity('declared_conflicts')
@Check('ck_declared_conflicts_source', `"source" IN ('supervisor', 'entity_application')`)
@Check('ck_declared_conflicts_period', `"valid_until" IS NULL OR "valid_until" >= "valid_from"`)
@Index('ix_declared_conflicts_inspector', ['inspectorId'])
@Index('ix_declared_conflicts_entity', ['entityId'])
@Index('ix_declared_conflicts_department', ['departmentId'])
export class DeclaredConflict {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_declared_conflicts' })
  id: string;

  @Column({ type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_declared_conflicts_department' })
  department?: Department;

  @Column({ type: 'uuid' })
  inspectorId: string;

  @ManyToOne(() => Inspector, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'inspector_id', foreignKeyConstraintName: 'fk_declared_conflicts_inspector' })
  inspector?: Inspector;

  @Column({ type: 'uuid' })
  entityId: string;

  @ManyToOne(() => RegulatedEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entity_id', foreignKeyConstraintName: 'fk_declared_conflicts_entity' })
  entity?: RegulatedEntity;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 30 })
  source: ConflictSource;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
