import { registerConstraintErrors } from '../common/errors';

registerConstraintErrors({
  // Behind the row lock: two corrections of one result cannot both become current.
  uq_publications_record_current: { status: 409, code: 'CONCURRENT_CORRECTION', message: '该结果正在被更正，请刷新后重试' },
  uq_publications_record_version: { status: 409, code: 'CONCURRENT_CORRECTION', message: '该结果正在被更正，请刷新后重试' },
});
