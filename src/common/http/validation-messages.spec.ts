import { chineseMessage } from './validation-messages';

describe('chineseMessage', () => {
  it.each([
    ['property isAdmin should not exist', '不允许的字段'],
    ['name must be longer than or equal to 2 characters', '长度不能少于2个字符'],
    ['password must be shorter than or equal to 256 characters', '长度不能超过256个字符'],
    ['pageSize must not be greater than 100', '不能大于100'],
    ['hours must not be less than 0.1', '不能小于0.1'],
    ['role must be one of the following values: admin, supervisor', '必须是以下值之一：admin, supervisor'],
    ['each value in domains must be a string', '每一项都必须是字符串'],
    ['departmentId must be a UUID', '必须是 UUID'],
    ['date must be a date YYYY-MM-DD', '必须是 YYYY-MM-DD 格式的有效日期'],
  ])('%s → %s', (en, zh) => expect(chineseMessage(en)).toBe(zh));

  it('keeps our own Chinese messages and unknown English ones', () => {
    expect(chineseMessage('第18位校验码应为“3”，实际为“4”')).toBe('第18位校验码应为“3”，实际为“4”');
    expect(chineseMessage('something new')).toBe('something new');
  });
});
