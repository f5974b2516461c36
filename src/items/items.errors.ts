import { registerConstraintErrors } from '../common/errors';

registerConstraintErrors({
  uq_inspection_items_department_code: { status: 409, code: 'ITEM_CODE_TAKEN', message: '本部门已有该编码的抽查事项', field: 'code' },
  uq_inspection_item_versions_item_version: { status: 409, code: 'VERSION_CONFLICT', message: '事项已被他人修改，请刷新后重试', field: 'baseVersion' },
  fk_inspection_items_department: { status: 404, code: 'DEPARTMENT_NOT_FOUND', message: '部门不存在', field: 'departmentId' },
});
