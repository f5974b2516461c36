import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Department } from '../departments/department.entity';
import { User } from '../users/user.entity';
import { InspectorExam, InspectorStatusChange, InspectorTraining } from './inspector-records.entity';

/** 执法检查人员名录库: a certified law-enforcement officer. Eligibility is computed, never stored. */
@Entity('inspectors')
@Unique('uq_inspectors_certificate_number', ['certificateNumber'])
@Unique('uq_inspectors_user', ['userId'])
@Check('ck_inspectors_certificate_period', `"certificate_valid_until" >= "certificate_valid_from"`)
@Index('ix_inspectors_department', ['departmentId'])
@Index('ix_inspectors_certificate_valid_until', ['certificateValidUntil'])
export class Inspector {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_inspectors' })
  id: string;

  @Column({ type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_inspectors_department' })
  department?: Department;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** 执法证号 */
  @Column({ type: 'varchar', length: 50 })
  certificateNumber: string;

  @Column({ type: 'varchar', length: 200 })
  issuingAuthority: string;

  @Column({ type: 'date' })
  certificateValidFrom: string;

  @Column({ type: 'date' })
  certificateValidUntil: string;

  /** Enforcement domains the inspector is competent for; an item's domain must be among them. */
  @Column({ type: 'varchar', length: 100, array: true, default: () => "'{}'" })
  domains: string[];

  /** The unit (所/站) the inspector works in (所所交叉 recusal). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  unit: string | null;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_inspectors_user' })
  user?: User | null;

  @OneToMany(() => InspectorTraining, (t) => t.inspector)
  trainings?: InspectorTraining[];

  @OneToMany(() => InspectorExam, (e) => e.inspector)
  exams?: InspectorExam[];

  @OneToMany(() => InspectorStatusChange, (s) => s.inspector)
  statusChanges?: InspectorStatusChange[];

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
