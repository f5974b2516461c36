import { base32, CHECK_CODE_PATTERN, newCheckCode, validityDate } from './check-code';

describe('check codes', () => {
  it.each([
    ['', ''],
    ['f', 'my'],
    ['fo', 'mzxq'],
    ['foo', 'mzxw6'],
    ['foob', 'mzxw6yq'],
    ['fooba', 'mzxw6ytb'],
    ['foobar', 'mzxw6ytboi'],
  ])('base32 of %j is %s (RFC 4648 vectors, lowercase, unpadded)', (text, code) => {
    expect(base32(Buffer.from(text))).toBe(code);
  });

  it('makes 26-character codes of 128 random bits, all different', () => {
    const codes = Array.from({ length: 1000 }, newCheckCode);
    expect(codes.every((c) => CHECK_CODE_PATTERN.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(1000);
  });

  it.each([
    ['2024-05-10', '2026-01-01', '2024-01-02', '2024-12-31', '2024-05-10'],
    [null, '2024-06-01', '2024-01-02', '2024-12-31', '2024-06-01'],
    [null, '2023-12-01', '2024-01-02', '2024-12-31', '2024-01-02'],
    [null, '2026-12-20', '2024-01-02', '2024-12-31', '2024-12-31'],
  ])('shows certificates valid on the check date, else today within the window (%s, today %s)', (checkDate, today, start, end, expected) => {
    expect(validityDate(checkDate, today as string, start as string, end as string)).toBe(expected);
  });
});
