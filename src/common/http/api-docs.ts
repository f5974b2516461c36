import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProduces, ApiProperty, ApiPropertyOptional, ApiPropertyOptions, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** One entry of `details`: usually the field a message is about (validation, domain rules), sometimes more context. */
export class ErrorDetailDto {
  @ApiPropertyOptional({ description: 'The request field the error is about (e.g. "teamSize", "sampling.A", "Idempotency-Key")' })
  field?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Failed validation rules with their Chinese messages' })
  constraints?: Record<string, string>;
}

/** The one error shape of the API (all-exceptions.filter.ts ErrorBody), documented once and referenced by every 4xx. */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable code' }) code: string;
  @ApiProperty({ example: '请求参数校验失败', description: 'Chinese message for the user' }) message: string;
  @ApiPropertyOptional({ type: () => [ErrorDetailDto], description: 'Field-level details (validation, domain rules); entries may carry more keys' })
  details?: ErrorDetailDto[];
  @ApiProperty({ example: '2f1c7c2e-9a43-4c55-8b4e-3a1d0c9e7f10', description: 'Also sent as the X-Request-Id header' }) requestId: string;
}

/** What each status means in this API (descriptions of the documented error answers). */
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: '请求无效（参数校验失败或不符合业务规则）',
  401: '未登录或令牌无效',
  403: '无权访问',
  404: '资源不存在（或属于其他部门）',
  409: '与当前数据状态冲突',
  413: '上传内容过大',
  415: '不支持的内容类型',
  422: '内容无法处理',
  429: '请求过于频繁',
  503: '数据库暂不可用或查询超时',
};

/**
 * Documents error answers in the one error shape: `@ApiErrors(400, 404)`, or with a description of
 * one's own: `@ApiErrors([409, '计划已发布'])`. Only documentation; the filter produces the body.
 */
export function ApiErrors(...statuses: (number | [number, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorBodyDto),
    ...statuses.map((s) => {
      const [status, description] = Array.isArray(s) ? s : [s, ERROR_DESCRIPTIONS[s] ?? '错误'];
      return ApiResponse({ status, description, schema: { $ref: getSchemaPath(ErrorBodyDto) } });
    }),
  );
}

/** A file download (CSV, XLSX, DOCX, …): 200 with a binary body in each of the given media types. */
export function ApiFileResponse(description: string, ...mediaTypes: string[]): MethodDecorator {
  return applyDecorators(
    ApiProduces(...mediaTypes),
    ApiResponse({ status: 200, description, content: Object.fromEntries(mediaTypes.map((m) => [m, { schema: { type: 'string', format: 'binary' } }])) }),
  );
}

/** A schema, inline or as a property's options (the swagger plugin's SchemaObjectMetadata). */
type Schema = ApiPropertyOptions & Record<string, unknown>;

/**
 * Inline schemas for properties whose TypeScript type reflection cannot describe (nullable
 * primitives, inline objects, maps), which swagger would document as an untyped `object`:
 * `@ApiProperty(nullable('string', { format: 'date-time' }))`.
 */
export const nullable = (type: 'string' | 'integer' | 'number' | 'boolean', extra: Record<string, unknown> = {}): Schema => ({ type, nullable: true, ...extra }) as Schema;

/**
 * An object with exactly these (required) properties; `optional` lists the ones that may be absent.
 * As a DTO property it is required (`selfRequired`: swagger's flag for a property whose schema has
 * its own `required` list; pass `selfRequired: false` for an optional one; openapi-document.ts drops
 * the flag where the schema is nested).
 */
export function objectSchema(properties: Record<string, Schema>, extra: Record<string, unknown> & { optional?: string[] } = {}): Schema {
  const { optional = [], ...rest } = extra;
  return { type: 'object', properties, required: Object.keys(properties).filter((k) => !optional.includes(k)), selfRequired: true, ...rest } as Schema;
}

/** A count (or other value) per key of a closed set, e.g. per state: every key present. */
export function perKey(keys: readonly string[], value: Schema = { type: 'integer' }, extra: Record<string, unknown> = {}): Schema {
  return objectSchema(Object.fromEntries(keys.map((k) => [k, value])), extra);
}

/** A map with free keys (e.g. per credit-risk class as stored). */
export const mapOf = (value: Schema, extra: Record<string, unknown> = {}): Schema => ({ type: 'object', additionalProperties: value, ...extra }) as Schema;

/** One of several shapes (e.g. a sampling rule: a ratio or a count). */
export const oneOf = (...schemas: Schema[]): Schema => ({ oneOf: schemas }) as unknown as Schema;

/** An array of inline-described items. */
export const arrayOf = (items: Schema, extra: Record<string, unknown> = {}): Schema => ({ type: 'array', items, ...extra }) as unknown as Schema;

/** A text answer that is not JSON (an HTML page, a feed): 200 with a string body. */
export function ApiTextResponse(description: string, mediaType: string): MethodDecorator {
  return applyDecorators(ApiProduces(mediaType), ApiResponse({ status: 200, description, content: { [mediaType]: { schema: { type: 'string' } } } }));
}
