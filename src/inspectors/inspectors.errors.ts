import { registerConstraintErrors } from '../common/errors';

registerConstraintErrors({
  uq_inspectors_certificate_number: { status: 409, code: 'CERTIFICATE_NUMBER_TAKEN', message: '该执法证号已存在', field: 'certificateNumber' },
  uq_inspectors_user: { status: 409, code: 'USER_ALREADY_LINKED', message: '该账号已关联其他执法人员', field: 'userId' },
  fk_inspectors_user: { status: 400, code: 'USER_NOT_FOUND', message: '关联的账号不存在', field: 'userId' },
  fk_inspectors_department: { status: 404, code: 'DEPARTMENT_NOT_FOUND', message: '部门不存在', field: 'departmentId' },
  ck_inspectors_certificate_period: { status: 400, code: 'CERTIFICATE_PERIOD_INVALID', message: '执法证有效期止不能早于起始日', field: 'certificateValidUntil' },
  uq_inspector_exams_inspector_year: { status: 409, code: 'EXAM_YEAR_TAKEN', message: '该年度已有考试记录', field: 'year' },
});

registerConstraintErrors({
  uq_inspector_trainings_inspector_date_topic: { status: 409, code: 'TRAINING_EXISTS', message: '该培训记录已登记（同日同内容）', field: 'topic' },
});
