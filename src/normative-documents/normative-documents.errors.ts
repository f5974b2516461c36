import { registerConstraintErrors } from '../common/errors';

registerConstraintErrors({
  uq_normative_documents_department_number: { status: 409, code: 'DOCUMENT_NUMBER_TAKEN', message: '本部门已登记该文号的规范性文件', field: 'documentNumber' },
  fk_normative_documents_department: { status: 404, code: 'DEPARTMENT_NOT_FOUND', message: '部门不存在', field: 'departmentId' },
  ck_normative_documents_effective: { status: 400, code: 'DOCUMENT_DATES_INVALID', message: '施行日期不能早于印发日期', field: 'effectiveFrom' },
  ck_normative_documents_expiry: { status: 400, code: 'DOCUMENT_DATES_INVALID', message: '有效期至不能早于施行日期', field: 'expiresOn' },
});
