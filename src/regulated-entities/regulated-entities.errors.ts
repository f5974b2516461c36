import { registerConstraintErrors } from '../common/errors';

registerConstraintErrors({
  uq_regulated_entities_department_uscc: { status: 409, code: 'ENTITY_USCC_TAKEN', message: '该统一社会信用代码已在名录库中', field: 'uscc' },
  fk_regulated_entities_department: { status: 404, code: 'DEPARTMENT_NOT_FOUND', message: '部门不存在', field: 'departmentId' },
  uq_entity_licences_entity_type_number: { status: 409, code: 'LICENCE_EXISTS', message: '该许可证已登记', field: 'number' },
  uq_entity_risk_classes_entity_effective: { status: 409, code: 'RISK_CLASS_DATE_TAKEN', message: '该日期已有信用风险分类记录', field: 'effectiveFrom' },
  ck_entity_licences_period: { status: 400, code: 'LICENCE_PERIOD_INVALID', message: '许可证有效期止不能早于起始日', field: 'validUntil' },
});
