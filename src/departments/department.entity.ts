import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** 执法主体: the law-enforcement body every record belongs to. */
@Entity('departments')
@Unique('uq_departments_code', ['code'])
@Unique('uq_departments_name', ['name'])
export class Department {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_departments' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
