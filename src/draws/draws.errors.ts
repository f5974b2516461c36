import { registerConstraintErrors } from '../common/errors';

registerConstraintErrors({
  // Belt and braces behind the plan lock: a second draw of the same plan cannot be stored.
  uq_draws_plan: { status: 409, code: 'PLAN_ALREADY_DRAWN', message: '该计划已抽取；抽取结果不可删除或重抽' },
});
