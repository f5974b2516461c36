/**
 * 统一社会信用代码 (USCC) validation, GB 32100-2015, including the embedded organisation code's
 * check digit (GB 11714-1997). Pure: no framework imports, so it can be read and re-implemented alone.
 *
 * Layout (positions 1-18): 1 登记管理部门代码 · 2 机构类别代码 · 3-8 登记管理机关行政区划码 ·
 * 9-17 主体标识码 (organisation code, 8 body characters + its check digit) · 18 校验码.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // 31 characters: no I, O, S, V, Z
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
/** char code → value in USCC_CHARSET, or -1 (a table: this runs a million times per import). */
const USCC_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_CHARSET.length; i++) USCC_VALUE[USCC_CHARSET.charCodeAt(i)] = i;
const CANONICAL = /^[0-9A-Z]{18}$/;

export type UsccErrorKind = 'length' | 'character' | 'division' | 'org_check' | 'check';

export interface UsccError {
  kind: UsccErrorKind;
  /** 1-based position of the wrong character, when one is to blame. */
  position?: number;
  expected?: string;
  actual?: string;
  message: string;
}

/** Normalises what people type (spaces, lower case, full-width characters) before validating. */
export function normaliseUscc(input: string): string {
  if (CANONICAL.test(input)) return input;
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000-]/g, '')
    .toUpperCase();
}

/** The 18th character for a 17-character prefix. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_VALUE[first17.charCodeAt(i)] * USCC_WEIGHTS[i];
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** The 9th character of an organisation code (GB 11714) for its 8 body characters. */
export function orgCodeCheckCharacter(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCodeValue(body8[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function orgCodeValue(ch: string): number {
  const c = ch.charCodeAt(0);
  return c <= 57 ? c - 48 : c - 55; // 0-9, then A=10 … Z=35
}

/** Returns null when valid, else the first problem found, naming the position. */
export function validateUscc(code: string): UsccError | null {
  if (code.length !== 18) {
    return { kind: 'length', actual: String(code.length), message: `统一社会信用代码应为18位，实际为${code.length}位` };
  }
  for (let i = 0; i < 18; i++) {
    const c = code.charCodeAt(i);
    if (c > 127 || USCC_VALUE[c] < 0) {
      return { kind: 'character', position: i + 1, actual: code[i], message: `第${i + 1}位字符“${code[i]}”不是合法字符（不使用 I、O、S、V、Z）` };
    }
  }
  for (let i = 2; i < 8; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) {
      return { kind: 'division', position: i + 1, actual: code[i], message: `第3-8位应为行政区划码（数字），第${i + 1}位为“${code[i]}”` };
    }
  }
  const orgExpected = orgCodeCheckCharacter(code.slice(8, 16));
  if (code[16] !== orgExpected) {
    return {
      kind: 'org_check',
      position: 17,
      expected: orgExpected,
      actual: code[16],
      message: `第17位（组织机构代码校验位）应为“${orgExpected}”，实际为“${code[16]}”`,
    };
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    return { kind: 'check', position: 18, expected, actual: code[17], message: `第18位校验码应为“${expected}”，实际为“${code[17]}”` };
  }
  return null;
}

/**
 * Whether a supervisor may accept the code after checking it by hand: only a wrong check character (the 17th,
 * the organisation code's, or the 18th) — real codes with such errors were issued. A wrong length, character
 * or division code is never a real code.
 */
export function usccOverridable(error: UsccError | null): boolean {
  return error !== null && (error.kind === 'check' || error.kind === 'org_check');
}

/** Builds a valid USCC from a 17-character prefix whose 17th character is recomputed (tests, benchmarks). */
export function completeUscc(prefix16: string): string {
  const body = prefix16 + orgCodeCheckCharacter(prefix16.slice(8, 16));
  return body + usccCheckCharacter(body);
}
