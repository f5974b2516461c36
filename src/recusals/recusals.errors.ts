import { registerConstraintErrors } from '../common/errors';

registerConstraintErrors({
  ck_declared_conflicts_period: { status: 400, code: 'CONFLICT_PERIOD_INVALID', message: '回避期限止不能早于起始日', field: 'validUntil' },
});
