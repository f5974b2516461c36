import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { BadRequestError } from '../errors/domain-error';
import { chineseMessage } from './validation-messages';

export interface FieldError {
  field: string;
  constraints: Record<string, string>;
}

/**
 * Flattens nested class-validator errors to `a.b[0].c` paths, in Chinese. A missing value gets one
 * plain "required" instead of every rule it failed.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    if (e.constraints) {
      const constraints =
        e.value === undefined && !('whitelistValidation' in e.constraints)
          ? { isDefined: '必填' }
          : e.value === null
            ? { isNotNull: '不能为 null' }
            : Object.fromEntries(Object.entries(e.constraints).map(([k, v]) => [k, chineseMessage(v)]));
      out.push({ field, constraints });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** Keys JSON.parse and the query parser keep as own properties, which class-transformer then drops silently. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Every prototype key of a parsed body or query, as a field path (depth is bounded by the body parser). */
export function prototypeKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const out: string[] = [];
  for (const key of Object.keys(value)) {
    const field = Array.isArray(value) ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key;
    if (!Array.isArray(value) && PROTOTYPE_KEYS.has(key)) out.push(field);
    else out.push(...prototypeKeys((value as Record<string, unknown>)[key], field));
  }
  return out;
}

/** Refuses prototype keys like any other unknown field, before class-transformer can drop them. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const keys = prototypeKeys(value);
      if (keys.length) throw new BadRequestError('VALIDATION_FAILED', '请求参数校验失败', keys.map((field) => ({ field, constraints: { whitelistValidation: '不允许的字段' } })));
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: unknown fields are refused, types are converted only where DTOs say so. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: true }, // the value decides "missing"; it is never echoed back
    exceptionFactory: (errors) => new BadRequestError('VALIDATION_FAILED', '请求参数校验失败', flattenValidationErrors(errors)),
  });
}
