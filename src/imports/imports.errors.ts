import { registerConstraintErrors } from '../common/errors';

registerConstraintErrors({
  fk_import_jobs_department: { status: 404, code: 'DEPARTMENT_NOT_FOUND', message: '部门不存在', field: 'departmentId' },
});
