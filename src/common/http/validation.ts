import { ValidationError, ValidationPipe } from '@nestjs/common';
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

/** The global pipe: unknown fields are refused, types are converted only where DTOs say so. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: true }, // the value decides "missing"; it is never echoed back
    exceptionFactory: (errors) => new BadRequestError('VALIDATION_FAILED', '请求参数校验失败', flattenValidationErrors(errors)),
  });
}
