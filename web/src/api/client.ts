import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type SessionUser = Schemas['SessionUserDto'];
export type LoginResponse = Schemas['LoginResponseDto'];

/**
 * The access token lives only in memory (never localStorage: any injected script could read it);
 * a reload gets a new one from the refresh cookie, which JavaScript cannot read (docs/adr: sessions).
 */
let accessToken: string | null = null;
let refreshing: Promise<LoginResponse | null> | null = null;
/** The last refresh could not reach the server (no network): not a refusal, the session may still be valid. */
let refreshUnreachable = false;

export function refreshWasUnreachable(): boolean {
  return refreshUnreachable;
}

/** The requests web/public/boot.js sent before this script arrived: each taken once, by the first asker. */
interface Early {
  refresh?: Promise<Response>;
  myTasks?: Promise<Response | null>;
}
export function takeEarly<K extends keyof Early>(key: K): Early[K] {
  const early = (window as unknown as { __ssgkEarly?: Early }).__ssgkEarly;
  const value = early?.[key];
  if (early) early[key] = undefined;
  return value;
}

const listeners = new Set<(session: LoginResponse | null) => void>();

/** The header the auth routes require with the refresh cookie: a cross-site form cannot send it. */
export const CONSOLE_HEADER = { 'X-Requested-With': 'ssgk-console' } as const;

export function setSession(session: LoginResponse | null): void {
  accessToken = session?.accessToken ?? null;
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener: (session: LoginResponse | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * One refresh at a time, shared by every request that found its token expired. A 409 means another
 * tab rotated the cookie a moment ago: the browser already holds the newer one, so ask once more.
 */
export function refreshSession(): Promise<LoginResponse | null> {
  const attempt = () => fetch('/auth/refresh', { method: 'POST', credentials: 'same-origin', headers: CONSOLE_HEADER });
  refreshing ??= (takeEarly('refresh') ?? attempt())
    .then(async (res) => (res.status === 409 ? new Promise<Response>((r) => setTimeout(() => r(attempt()), 300)) : res))
    .then(async (res) => {
      refreshUnreachable = false;
      return res.ok ? ((await res.json()) as LoginResponse) : null;
    })
    .catch(() => {
      refreshUnreachable = true;
      return null;
    })
    .then((session) => {
      setSession(session);
      return session;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

export async function logout(): Promise<void> {
  await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { ...CONSOLE_HEADER, ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}) } }).catch(() => undefined);
  refreshUnreachable = false; // signed out on purpose, even offline: no offline session after this
  setSession(null);
}

/** fetch with the bearer token; on a 401 it refreshes once and repeats the request. */
async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const send = (req: Request) => {
    if (accessToken) req.headers.set('Authorization', `Bearer ${accessToken}`);
    return fetch(req);
  };
  // Signing in on load (the refresh call) is under way: wait for its token rather than earn a 401 first.
  if (!accessToken && refreshing) await refreshing;
  const res = await send(input);
  if (res.status !== 401 || new URL(input.url).pathname.startsWith('/auth/')) return res;
  const session = await refreshSession();
  return session ? send(retry) : res;
}

export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: authFetch });

/** A file the API serves (a PDF, an SVG) as a Blob, through the same token handling. */
export async function fetchBlob(path: string): Promise<Blob> {
  const res = await authFetch(new Request(new URL(path, window.location.origin)));
  if (!res.ok) throw await ApiError.from(res);
  return res.blob();
}

/** A download (DOCX, XLSX, CSV) through the same token handling, saved under the server's file name. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await authFetch(new Request(new URL(path, window.location.origin)));
  if (!res.ok) throw await ApiError.from(res);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The API's one error shape (statusCode, code, Chinese message, details naming fields). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { field?: string; constraints?: Record<string, string> }[] = [],
  ) {
    super(message);
  }

  static async from(res: Response): Promise<ApiError> {
    const body = (await res.json().catch(() => null)) as Partial<Schemas['ErrorBodyDto']> | null;
    return ApiError.of(body, res.status);
  }

  static of(body: unknown, status = 0): ApiError {
    const b = (body ?? {}) as Partial<Schemas['ErrorBodyDto']>;
    if (!b.code) return new ApiError(status, 'NETWORK', status ? `请求失败（HTTP ${status}）` : '无法连接服务器，请检查网络后重试');
    return new ApiError(b.statusCode ?? status, b.code, b.message ?? '请求失败', (b.details ?? []) as ApiError['details']);
  }

  get isConflict(): boolean {
    return this.status === 409 && /VERSION|CONFLICT|MODIFIED/.test(this.code);
  }
}

/** Unwraps an openapi-fetch result: the data, or throws the API's error. */
export async function call<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await promise;
  } catch {
    throw ApiError.of(null);
  }
  if (result.error !== undefined || !result.response.ok) throw ApiError.of(result.error, result.response.status);
  return result.data as T;
}
