import { registerConstraintErrors } from '../common/errors';

registerConstraintErrors({
  uq_departments_code: { status: 409, code: 'DEPARTMENT_CODE_TAKEN', message: '部门编码已存在', field: 'code' },
  uq_departments_name: { status: 409, code: 'DEPARTMENT_NAME_TAKEN', message: '部门名称已存在', field: 'name' },
  fk_users_department: { status: 400, code: 'DEPARTMENT_NOT_FOUND', message: '所属部门不存在', field: 'departmentId' },
});
