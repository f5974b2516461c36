/** CSV (RFC 4180, UTF-8 with BOM so spreadsheet software reads Chinese right) and XML escaping. Pure. */
export const CSV_BOM = '\uFEFF';

export function csvLine(values: (string | number | boolean | null | undefined)[]): string {
  return values.map((v) => (v === null || v === undefined ? '' : csvField(String(v)))).join(',') + '\r\n';
}

function csvField(v: string): string {
  // Cells starting with = + - @ would run as formulas in spreadsheets: prefix them (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

// Characters XML 1.0 cannot carry at all (built from a string: a regex literal with them trips the linter).
const CONTROL = new RegExp('[' + String.fromCharCode(0) + '-' + String.fromCharCode(8) + String.fromCharCode(11, 12) + String.fromCharCode(14) + '-' + String.fromCharCode(31) + ']', 'g');

export function xml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!).replace(CONTROL, '');
}
