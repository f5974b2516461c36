import { registerConstraintErrors } from '../common/errors';

registerConstraintErrors({
  // Behind the task lock: two first writes of one task's record cannot both land.
  uq_check_records_task: { status: 409, code: 'RECORD_EXISTS', message: '该任务已有检查记录' },
  uq_evidence_files_record_sha256: { status: 409, code: 'EVIDENCE_EXISTS', message: '该证据文件已上传' },
  ck_rectification_orders_days: { status: 400, code: 'WORKING_DAYS_INVALID', message: '整改期限须为 1–365 个工作日', field: 'workingDays' },
});
