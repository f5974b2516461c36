import { registerConstraintErrors } from '../common/errors';

registerConstraintErrors({
  // Belt and braces behind the plan lock: a second draw of the same plan cannot be stored.
  uq_draws_plan_current: { status: 409, code: 'PLAN_ALREADY_DRAWN', message: '该计划已抽取；抽取结果不可删除，如需重抽须先提出重抽申请并说明理由' },
  uq_redraws_replaced_draw: { status: 409, code: 'DRAW_SUPERSEDED', message: '该抽取结果已被重抽取代，不能再次重抽' },
  uq_redraws_plan_pending: { status: 409, code: 'REDRAW_PENDING', message: '该计划已有待执行的重抽申请' },
});
