import { registerConstraintErrors } from '../common/errors';

registerConstraintErrors({
  uq_users_username: { status: 409, code: 'USERNAME_TAKEN', message: '用户名已存在', field: 'username' },
  ck_users_department_required: { status: 400, code: 'DEPARTMENT_REQUIRED', message: '非管理员账号必须属于一个部门', field: 'departmentId' },
});
