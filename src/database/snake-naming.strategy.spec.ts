import { snakeCase } from './snake-naming.strategy';

describe('snakeCase', () => {
  it.each([
    ['departmentId', 'department_id'],
    ['passwordChangedAt', 'password_changed_at'],
    ['usccCode', 'uscc_code'],
    ['HTTPStatus', 'http_status'],
    ['already_snake', 'already_snake'],
  ])('%s → %s', (input, expected) => {
    expect(snakeCase(input)).toBe(expected);
  });
});
