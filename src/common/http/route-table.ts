import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY } from '../../auth/auth.decorators';

export interface RouteEntry {
  /** HTTP method, upper case ('ALL' for @All). */
  method: string;
  /** The route's path as Nest registers it with Express, e.g. /public/draws/:id/transcript. */
  path: string;
  /** Marked @Public() (on the handler or its controller), as the AuthGuard reads it. */
  public: boolean;
}

/**
 * Every route of the application, read from the controllers' metadata — the same decorators Nest
 * registers routes from and the AuthGuard decides on — so that middleware running before routing
 * (CORS) can tell public routes from staff ones without a list of its own.
 */
export function routeTable(app: INestApplication): RouteEntry[] {
  const scanner = new MetadataScanner();
  const out: RouteEntry[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller || typeof controller !== 'function') continue;
      const prefixes = asList(Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined);
      const classPublic = Reflect.getMetadata(PUBLIC_KEY, controller) === true;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue; // not a route handler
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
        const handlerPublic = Reflect.getMetadata(PUBLIC_KEY, handler) as boolean | undefined;
        for (const prefix of prefixes) for (const path of asList(paths)) out.push({ method, path: join(prefix, path), public: handlerPublic ?? classPublic });
      }
    }
  }
  return out;
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? ['/'] : Array.isArray(value) ? value : [value];
}

function join(prefix: string, path: string): string {
  const joined = `/${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
