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
