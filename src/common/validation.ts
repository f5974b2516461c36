import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';

/** A calendar date `YYYY-MM-DD` that exists (2023-02-30 is refused). */
export function isDateOnly(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10 || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  // Arithmetic, not Date objects: imports check a million of these.
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  // A sane range: PostgreSQL has no year 0, and no record of this regime predates 1900.
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDateOnly',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a date YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isDateOnly(value) },
    });
}

/** Trims strings; empty becomes undefined for optional fields. */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
export const TrimToNull = () =>
  applyDecorators(Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value)));

/** A moment as bureau staff read it: Beijing time, to the minute. */
export function chinaTime(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`;
}

/** An instant in Beijing time as ISO 8601 with its offset (public data's extract dates). */
export function chinaIsoTime(at = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
}

/** Today's date in China (UTC+8, no DST): the default "as of" date for bureau users. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * An optional body field that, when present, must not be null (its column is NOT NULL). Unlike
 * @IsOptional(), null is validated — and refused by the type check — instead of passing through.
 */
export const Omittable = () => ValidateIf((_o: object, v: unknown) => v !== undefined);

/** An optional body field whose value may be null (to clear it). */
export const Nullable = () => ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null);

/**
 * A finite number with at most `places` decimals. class-validator's IsNumber({ maxDecimalPlaces })
 * reads the decimals from String(value) and threw on `1e-7` (a 500); this compares the value with
 * itself rounded instead, so any notation JSON allows gets a 400 naming the field.
 */
export function isDecimal(value: unknown, places: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value;
}

export function IsDecimal(places: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDecimal',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [places],
      options: { message: `必须是数字（最多 ${places} 位小数）`, ...options },
      validator: { validate: (value: unknown) => isDecimal(value, places) },
    });
}

/**
 * Characters refused in text that is published or shown as a name: direction controls (U+202A–202E,
 * U+2066–2069: a name that reads backwards), zero-width and invisible characters (U+200B–200F,
 * U+2060, U+FEFF: two names that look alike), U+FFFD and unpaired surrogates (text broken by a
 * wrong decoding), and control characters — line breaks and tabs only in multi-line text.
 */
// eslint-disable-next-line no-control-regex -- control characters are what these refuse
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first refused character of a text, as `U+XXXX`; null when the text is fine. */
export function unsafeTextCharacter(value: string, multiline = false): string | null {
  const m = (multiline ? UNSAFE_MULTILINE : UNSAFE_LINE).exec(value);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** Text that becomes public (names, addresses, reasons): see unsafeTextCharacter. Non-strings are left to IsString. */
export function PublicText(options: { multiline?: boolean; each?: boolean } = {}): PropertyDecorator {
  const multiline = options.multiline ?? false;
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'publicText',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { each: options.each },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || unsafeTextCharacter(value, multiline) === null,
        defaultMessage: (args) => `含有不允许的字符（${typeof args?.value === 'string' ? unsafeTextCharacter(args.value, multiline) : ''}）：不可见字符、文字方向控制符、无效字符${multiline ? '' : '或换行'}`,
      },
    });
}
