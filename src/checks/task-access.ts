import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/roles';
import { NotFoundError } from '../common/errors';
import { Task } from '../draws/draw.entity';

/**
 * Who may see a task: admins; supervisors and legal reviewers of the lead department or of a
 * department on its team; inspectors on its team. Everyone else gets "not found" (never "forbidden"),
 * so task ids reveal nothing.
 */
export async function inspectorIdOf(em: EntityManager, user: AuthUser): Promise<string | null> {
  if (user.role !== 'inspector') return null;
  const rows: { id: string }[] = await em.query('SELECT id FROM inspectors WHERE user_id = $1 AND department_id = $2', [user.id, user.departmentId]);
  return rows[0]?.id ?? null;
}

export function canRead(user: AuthUser, task: Pick<Task, 'departmentId' | 'team'>, inspectorId: string | null): boolean {
  if (user.role === 'admin') return true;
  if (user.role === 'inspector') return inspectorId !== null && task.team.some((m) => m.inspectorId === inspectorId);
  return task.departmentId === user.departmentId || task.team.some((m) => m.departmentId === user.departmentId);
}

/** The team's own inspectors write the record (谁检查、谁录入). */
export function isOnTeam(task: Pick<Task, 'team'>, inspectorId: string | null): boolean {
  return inspectorId !== null && task.team.some((m) => m.inspectorId === inspectorId);
}

/** Approving and returning belong to the lead department's supervisors (or an admin). */
export function canSupervise(user: AuthUser, task: Pick<Task, 'departmentId'>): boolean {
  return user.role === 'admin' || (user.role === 'supervisor' && task.departmentId === user.departmentId);
}

export async function loadTask(em: EntityManager, user: AuthUser, taskId: string, lock = false): Promise<{ task: Task; inspectorId: string | null }> {
  const task = await em.getRepository(Task).findOne({ where: { id: taskId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  const inspectorId = await inspectorIdOf(em, user);
  if (!task || !canRead(user, task, inspectorId)) throw new NotFoundError('检查任务', 'TASK_NOT_FOUND');
  return { task, inspectorId };
}
