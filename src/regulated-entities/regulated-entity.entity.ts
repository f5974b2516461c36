import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Department } from '../departments/department.entity';
import { EntityLicence } from './entity-licence.entity';
import { EntityRiskClass } from './entity-risk-class.entity';

export const ENTITY_STATUSES = ['active', 'closed', 'deregistered'] as const;
export type EntityStatus = (typeof ENTITY_STATUSES)[number];

/** 检查对象名录库: one inspectable entity in a department's directory. */
@Entity('regulated_entities')
@Unique('uq_regulated_entities_department_uscc', ['departmentId', 'uscc'])
@Check('ck_regulated_entities_status', `"status" IN ('active', 'closed', 'deregistered')`)
@Index('ix_regulated_entities_department_status', ['departmentId', 'status'])
@Index('ix_regulated_entities_department_industry', ['departmentId', 'industryCode'])
// Trigram index for Chinese name search (gin_trgm_ops), created in the migration.
@Index('ix_regulated_entities_name_trgm', { synchronize: false })
// GIN over name_grams(name) for one- and two-character searches (migration NameBigramSearch, ADR 0024).
@Index('ix_regulated_entities_name_grams', { synchronize: false })
export class RegulatedEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_regulated_entities' })
  id: string;

  @Column({ type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_regulated_entities_department' })
  department?: Department;

  @Column({ type: 'varchar', length: 18 })
  uscc: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  legalRepresentative: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  registeredAddress: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  district: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  industryCode: string | null;

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: EntityStatus;

  /** Never public. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  contactPerson: string | null;

  /** Never public. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  contactPhone: string | null;

  /** The unit (所/站) that supervises it: inspectors of the same unit are recused (所所交叉). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  supervisingUnit: string | null;

  /**
   * A code that fails a check character (GB 32100 / GB 11714) yet is real — some were issued so — accepted
   * only when a supervisor checked it by hand and said so: who, when and why, shown on the entity and in the audit chain.
   */
  @Column({ type: 'text', nullable: true })
  usccCheckOverrideReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  usccCheckOverrideBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  usccCheckOverrideAt: Date | null;

  /** What the check said about the code when it was accepted by hand (e.g. 第18位校验码应为…). */
  @Column({ type: 'text', nullable: true })
  usccCheckFailure: string | null;

  @OneToMany(() => EntityLicence, (l) => l.entity)
  licences?: EntityLicence[];

  @OneToMany(() => EntityRiskClass, (r) => r.entity)
  riskClasses?: EntityRiskClass[];

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
