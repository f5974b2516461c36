/**
 * Chinese wording for class-validator's messages, so the `details` staff read are Chinese too.
 * Pure. Messages we wrote ourselves in Chinese pass through; unknown English ones pass through
 * unchanged rather than being lost.
 */
const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^property \S+ should not exist$/, () => '不允许的字段'],
  [/must be longer than or equal to (\d+) characters?$/, (m) => `长度不能少于${m[1]}个字符`],
  [/must be shorter than or equal to (\d+) characters?$/, (m) => `长度不能超过${m[1]}个字符`],
  [/must not be greater than (-?[\d.]+)$/, (m) => `不能大于${m[1]}`],
  [/must not be less than (-?[\d.]+)$/, (m) => `不能小于${m[1]}`],
  [/must contain not more than (\d+) elements$/, (m) => `最多${m[1]}项`],
  [/must be one of the following values: (.*)$/, (m) => `必须是以下值之一：${m[1]}`],
  [/^each value in \S+ must be a string$/, () => '每一项都必须是字符串'],
  [/must be a string$/, () => '必须是字符串'],
  [/must be a UUID$/, () => '必须是 UUID'],
  [/must be an integer number$/, () => '必须是整数'],
  [/must be a number conforming to the specified constraints$/, () => '必须是数字（小数位数有限制）'],
  [/must be a boolean value$/, () => '必须是 true 或 false'],
  [/must be an array$/, () => '必须是数组'],
  [/must be a date YYYY-MM-DD$/, () => '必须是 YYYY-MM-DD 格式的有效日期'],
  [/must be either object or array$/, () => '必须是对象'],
  [/must match .* regular expression$/, () => '格式不正确'],
  [/must be a valid ISO 8601 date string$/, () => '必须是有效的日期'],
];

export function chineseMessage(message: string): string {
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  for (const [re, make] of RULES) {
    const m = re.exec(message);
    if (m) return make(m);
  }
  return message;
}
