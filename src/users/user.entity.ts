import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Department } from '../departments/department.entity';
import type { Role } from '../auth/roles';

@Entity('users')
@Unique('uq_users_username', ['username'])
@Check('ck_users_username_lower', `"username" = lower("username")`)
@Check('ck_users_role', `"role" IN ('admin', 'supervisor', 'inspector', 'legal_reviewer')`)
@Check('ck_users_department_required', `"role" = 'admin' OR "department_id" IS NOT NULL`)
@Index('ix_users_department_id', ['departmentId'])
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id: string;

  /** Stored lower-case; login is case-insensitive. */
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_users_department' })
  department?: Department | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** When the password was last set (change or reset). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  passwordChangedAt: Date;

  /**
   * Carried in every token and checked on every request; raised by a password change or reset, a
   * deactivation and a role change, which revokes every token issued before (whatever the second).
   */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
