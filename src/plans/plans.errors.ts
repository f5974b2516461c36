import { registerConstraintErrors } from '../common/errors';

registerConstraintErrors({
  fk_plans_department: { status: 404, code: 'DEPARTMENT_NOT_FOUND', message: '部门不存在', field: 'departmentId' },
  ck_plans_team_size: { status: 400, code: 'TEAM_TOO_SMALL', message: '检查组至少需要两名执法人员', field: 'teamSize' },
  ck_plans_window: { status: 400, code: 'WINDOW_INVALID', message: '检查期限止不能早于起始日', field: 'windowEnd' },
});
