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

export function xml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}
