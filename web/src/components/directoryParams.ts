import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../api/client';

/**
 * A list's filters and page kept in the URL (console.md: a list can be bookmarked and shared).
 * Empty values are dropped; changing a filter goes back to page 1.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => Object.fromEntries(keys.map((k) => [k, params.get(k) ?? undefined])) as Record<K, string | undefined>, [keys, params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;

  const setFilters = useCallback(
    (next: Partial<Record<K, string | undefined | null>>) => {
      const p = new URLSearchParams();
      for (const k of keys) {
        const v = (next[k] ?? '').toString().trim();
        if (v) p.set(k, v);
      }
      if (pageSize !== 20) p.set('pageSize', String(pageSize));
      setParams(p);
    },
    [keys, pageSize, setParams],
  );
  const setPage = useCallback(
    (nextPage: number, nextSize: number) => {
      const p = new URLSearchParams(params);
      p.set('page', String(nextSize !== pageSize ? 1 : nextPage));
      p.set('pageSize', String(nextSize));
      setParams(p);
    },
    [params, pageSize, setParams],
  );
  return { filters, page, pageSize, setFilters, setPage };
}

/** The API's error with list fields (`subItems[3]`, `licences[0].number`) named by the form field that holds them. */
export function errorForForm(error: unknown, rename: (field: string) => string): unknown {
  if (!(error instanceof ApiError)) return error;
  return new ApiError(error.status, error.code, error.message, error.details.map((d) => (d.field ? { ...d, field: rename(d.field) } : d)));
}

/** Trimmed text, or undefined for an empty field (so the API says 必填 for what is missing). */
export function textOrUndefined(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Lines of a textarea as a list (blank lines dropped). */
export function lines(v: unknown): string[] {
  return typeof v === 'string' ? v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : [];
}
