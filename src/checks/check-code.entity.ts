import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Task } from '../draws/draw.entity';

/**
 * 检查码: the public, unguessable code of a task (128 random bits, base32), printed on the 现场检查笔录
 * and shown by the console as a QR code of /portal/check-code/{code}. Made on first use (docs/checks.md).
 */
@Entity('task_check_codes')
@Unique('uq_task_check_codes_code', ['code'])
export class TaskCheckCode {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_task_check_codes' })
  taskId: string;

  @ManyToOne(() => Task, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_task_check_codes_task' })
  task?: Task;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
