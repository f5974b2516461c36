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
