import { isDateOnly, isDecimal, todayInChina, unsafeTextCharacter } from './validation';

describe('isDateOnly', () => {
  it.each(['2024-02-29', '2023-12-31', '2000-02-29', '2023-01-01'])('accepts %s', (d) => expect(isDateOnly(d)).toBe(true));
  it.each(['2023-02-29', '1900-02-29', '2023-04-31', '2023-13-01', '2023-00-10', '2023-1-1', '20230101', '2023-01-01T00:00', '0000-01-01', '1899-12-31', '2201-01-01', 20230101, null])('refuses %s', (d) =>
    expect(isDateOnly(d)).toBe(false),
  );
});

describe('todayInChina', () => {
  it('is UTC+8', () => {
    expect(todayInChina(new Date('2024-01-01T15:59:59Z'))).toBe('2024-01-01');
    expect(todayInChina(new Date('2024-01-01T16:00:00Z'))).toBe('2024-01-02');
  });
});

describe('isDecimal', () => {
  it.each([
    [0, 2, true],
    [12.34, 2, true],
    [0.29, 2, true],
    [100, 2, true],
    [-3.5, 1, true],
    [1e12, 2, true],
    [1e-7, 2, false],
    [1e-7, 1, false],
    [12.345, 2, false],
    [0.1 + 0.2, 2, false],
    [1.05, 1, false],
    [Number.NaN, 2, false],
    [Infinity, 2, false],
    ['12', 2, false],
    [null, 2, false],
  ])('%s with %s places → %s', (value, places, ok) => expect(isDecimal(value, places)).toBe(ok));
});

describe('unsafeTextCharacter', () => {
  it.each([
    ['天津市滨海新区科学技术局', false, null],
    ['Tianjin (Binhai) Co., Ltd. 1号', false, null],
    ['\u{1f600}', false, null],
    ['天津\u202e局', false, 'U+202E'],
    ['\u202a', false, 'U+202A'],
    ['\u2066', false, 'U+2066'],
    ['\u2069', false, 'U+2069'],
    ['a\u200bb', false, 'U+200B'],
    ['\u200f', false, 'U+200F'],
    ['\u2060', false, 'U+2060'],
    ['\ufeff', false, 'U+FEFF'],
    ['\ufffd天津', false, 'U+FFFD'],
    ['\ud800', false, 'U+D800'],
    ['a\udc00', false, 'U+DC00'],
    ['a\nb', false, 'U+000A'],
    ['a\tb', false, 'U+0009'],
    ['a\u0085b', false, 'U+0085'],
    ['第一行\n第二行\r\n\t缩进', true, null],
    ['第一行\u202e', true, 'U+202E'],
    ['\u0007', true, 'U+0007'],
  ])('%j (multi-line %s) → %s', (text, multiline, found) => expect(unsafeTextCharacter(text, multiline)).toBe(found));
});
