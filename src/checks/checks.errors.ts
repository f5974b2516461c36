import { ConflictError, DomainError, registerConstraintErrors } from '../common/errors';

registerConstraintErrors({
  // Behind the task lock: two first writes of one task's record cannot both land.
  uq_check_records_task: { status: 409, code: 'RECORD_EXISTS', message: '该任务已有检查记录' },
  uq_evidence_files_record_sha256: { status: 409, code: 'EVIDENCE_EXISTS', message: '该证据文件已上传' },
  ck_rectification_orders_days: { status: 400, code: 'WORKING_DAYS_INVALID', message: '整改期限须为 1–365 个工作日', field: 'workingDays' },
});

/** Evidence limits (EVIDENCE_MAX_PHOTO_MB, EVIDENCE_MAX_FILES_PER_RECORD): stable codes for the phone client's sync page. */
export const evidencePhotoTooLarge = (maxMb: number) =>
  new DomainError('payload_too_large', 'EVIDENCE_PHOTO_TOO_LARGE', `照片超过 ${maxMb} MB 上限，请压缩后重新上传`, [{ field: 'file' }]);
export const evidenceLimitReached = (max: number) =>
  new ConflictError('EVIDENCE_LIMIT_REACHED', `每份检查记录最多上传 ${max} 个证据文件，已达上限`, [{ field: 'file' }]);
