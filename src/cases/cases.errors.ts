import { BadRequestError, ConflictError, ForbiddenError, registerConstraintErrors } from '../common/errors';
import { CaseAction, CaseState, transitionRefusal, Violation } from './case-rules';

registerConstraintErrors({
  // Behind the counter row: two openings cannot take one number; kept as a clear answer all the same.
  uq_cases_number: { status: 409, code: 'CASE_NUMBER_TAKEN', message: '立案编号已被使用，请重试' },
  uq_cases_department_year_seq: { status: 409, code: 'CASE_NUMBER_TAKEN', message: '立案编号已被使用，请重试' },
});

/** The case errors, one place for their codes and Chinese messages. */
export const caseErrors = {
  illegalTransition: (state: CaseState, action: CaseAction) => new ConflictError('CASE_STATE_CONFLICT', transitionRefusal(state, action)!, [{ field: 'state', state }]),
  versionConflict: () => new ConflictError('VERSION_CONFLICT', '案件已被他人修改，请刷新后重试', [{ field: 'version' }]),
  openerCannotApprove: () => new ForbiddenError('OPENER_CANNOT_APPROVE', '立案审批须由立案申请人以外的抽查负责人进行'),
  notOwnDepartment: () => new ForbiddenError('NOT_OWN_DEPARTMENT', '只能为本部门的检查记录立案'),
  decisionInvalid: (violations: Violation[]) => new BadRequestError('DECISION_INVALID', `处理意见不完整或不一致：${violations.map((v) => v.message).join('；')}`, violations),
  personalData: (field: string) => new BadRequestError('TEXT_HAS_PERSONAL_DATA', '该内容将随处罚决定向社会公开，不得包含手机号码或身份证号码', [{ field }]),
  notMajor: () => new ConflictError('NOT_MAJOR_DECISION', '该案件的处理意见不属于重大执法决定，无需法制审核'),
  legalReviewRequired: () => new ConflictError('LEGAL_REVIEW_REQUIRED', '该案件拟作出重大执法决定，须经法制审核通过（审核最新版本）后方可作出决定'),
  sameReviewer: () => new ConflictError('SAME_PERSON_REVIEW', '法制审核人与作出决定的人不能为同一人'),
  dateInFuture: (field: string) => new BadRequestError('DATE_IN_FUTURE', '日期不能晚于今天', [{ field }]),
  dateBeforeFiling: (field: string) => new BadRequestError('DATE_BEFORE_FILING', '日期不能早于立案日期', [{ field }]),
  noPublicationNeeded: () => new ConflictError('NO_PUBLICATION_NEEDED', '不予行政处罚的决定无需公示'),
  alreadyPublished: () => new ConflictError('ALREADY_PUBLISHED', '该处罚决定已公示'),
  notPublished: () => new ConflictError('DECISION_NOT_PUBLISHED', '行政处罚决定须先公示才能结案'),
  departmentNotFound: () => new BadRequestError('DEPARTMENT_NOT_FOUND', '部门不存在', [{ field: 'departmentId' }]),
};
