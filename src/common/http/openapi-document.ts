import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBodyDto } from './api-docs';
import { routeTable } from './route-table';
import { UuidPipe } from './uuid.pipe';

type Operation = { parameters?: { in: string }[]; requestBody?: unknown; responses: Record<string, unknown> };

const ERROR_REF = { $ref: '#/components/schemas/ErrorBodyDto' };

/**
 * The API's OpenAPI document, built from the controllers' decorators; served at /api/openapi.json
 * and written to docs/openapi.json by `npm run openapi` (the console's client is generated from it).
 * Lint-clean under redocly's recommended rules (test/openapi.e2e-spec.ts).
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('双随机、一公开 inspection tracker API')
      .setDescription('Directories, verifiable random draws, on-site checks, publication and annual figures. Errors: { statusCode, code, message, details?, requestId }.')
      .setVersion('0.1.0')
      .setLicense('UNLICENSED (private)', 'https://docs.npmjs.com/cli/configuring-npm/package-json#license')
      .addServer('/')
      .addBearerAuth()
      // The browser session's refresh cookie, read only by POST /auth/refresh and /auth/logout (ADR 0014).
      .addCookieAuth('ssgk_refresh', { type: 'apiKey', in: 'cookie', name: 'ssgk_refresh' }, 'refreshCookie')
      .build(),
    { extraModels: [ErrorBodyDto] },
  );
  markPublic(app, document);
  markUuidParams(app, document);
  addInputErrors(document);
  return dropFlags(document);
}

/** api-docs.ts objectSchema's `selfRequired` is swagger's flag for a DTO property; nested, it is left in the output. */
function dropFlags(document: OpenAPIObject): OpenAPIObject {
  return JSON.parse(JSON.stringify(document, (key, value: unknown) => (key === 'selfRequired' ? undefined : value))) as OpenAPIObject;
}

/**
 * `security: []` on the @Public() routes, read from the same metadata the AuthGuard decides on,
 * unless the route documents its own (the refresh cookie's routes).
 */
function markPublic(app: INestApplication, document: OpenAPIObject): void {
  for (const route of routeTable(app)) {
    if (!route.public) continue;
    const op = document.paths[route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[route.method.toLowerCase() as 'get'] as { security?: unknown[] } | undefined;
    if (op && !op.security?.length) op.security = [];
  }
}

/** `format: uuid` on the path parameters read through UuidPipe (swagger sees only `string`). */
function markUuidParams(app: INestApplication, document: OpenAPIObject): void {
  const uuidParams = new Map<string, Set<string>>(); // operationId (Nest's default: Controller_method) → names
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller || typeof controller !== 'function') continue;
      for (const name of scanner.getAllMethodNames(controller.prototype as object)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { data?: unknown; pipes?: unknown[] }>;
        const names = Object.values(args).filter((a) => typeof a.data === 'string' && a.pipes?.includes(UuidPipe)).map((a) => a.data as string);
        if (names.length) uuidParams.set(`${controller.name}_${name}`, new Set(names));
      }
    }
  }
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as { operationId?: string; parameters?: { in: string; name: string; schema?: Record<string, unknown> }[] }[]) {
      const names = op?.operationId ? uuidParams.get(op.operationId) : undefined;
      for (const p of op?.parameters ?? []) if (names?.has(p.name) && p.in === 'path' && p.schema) p.schema.format = 'uuid';
    }
  }
}

/**
 * Every operation that takes input can answer 400 (the global validation pipe, UuidPipe, JSON
 * guard) and every one with a path parameter 404 (not found, or in another department): added here
 * once unless the route documents its own, so routes only declare what is specific to them (@ApiErrors).
 * Error answers documented without a body get the error shape.
 */
function addInputErrors(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const params = op.parameters ?? [];
      if ((op.requestBody || params.some((p) => p.in === 'query' || p.in === 'path')) && !op.responses['400']) {
        op.responses['400'] = { description: '请求无效（参数校验失败或不符合业务规则）', content: { 'application/json': { schema: ERROR_REF } } };
      }
      if (params.some((p) => p.in === 'path') && !op.responses['404']) {
        op.responses['404'] = { description: '资源不存在（或属于其他部门）', content: { 'application/json': { schema: ERROR_REF } } };
      }
      // Every error answer has the one error shape (the exception filter), also where a route documents only a description.
      for (const [status, response] of Object.entries(op.responses) as [string, { content?: unknown }][]) {
        if (Number(status) >= 400 && !response.content) response.content = { 'application/json': { schema: ERROR_REF } };
      }
      op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
}
