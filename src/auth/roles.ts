import { BadRequestError } from '../common/errors';

/** Staff roles. The public has no account and only reaches routes marked @Public(). */
export const ROLES = ['admin', 'supervisor', 'inspector', 'legal_reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  supervisor: '抽查负责人',
  inspector: '执法检查人员',
  legal_reviewer: '法制审核人员',
};

/** The authenticated caller, as loaded from the database on every request. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  /** null only for admins, who see every department. */
  departmentId: string | null;
}

/** The department a caller may see: null means all (admin). */
export function departmentScope(user: AuthUser): string | null {
  return user.role === 'admin' ? null : user.departmentId;
}

/**
 * The department a new record goes to: a non-admin's own (naming another is refused); an admin
 * must name one.
 */
export function targetDepartment(user: AuthUser, requested: string | undefined): string {
  if (user.role === 'admin') {
    if (!requested) throw new BadRequestError('DEPARTMENT_REQUIRED', '管理员创建记录时须指定 departmentId', [{ field: 'departmentId' }]);
    return requested;
  }
  // The same answer whether or not that department exists.
  if (requested && requested !== user.departmentId) throw new BadRequestError('DEPARTMENT_NOT_ALLOWED', '只能为本部门创建记录；departmentId 仅供管理员指定', [{ field: 'departmentId' }]);
  return user.departmentId!;
}
