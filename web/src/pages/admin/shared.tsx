import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

/**
 * Shared by the 系统管理 and 执法人员 pages: filters kept in the URL (a list can be bookmarked and
 * shared), the department names, the server's "today" and a date field holding YYYY-MM-DD strings.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => Object.fromEntries(keys.map((k) => [k, params.get(k) ?? undefined])) as Record<K, string | undefined>, [params, keys]);
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('pageSize') ?? '20') || 20;
  const setFilters = useCallback(
    (values: Partial<Record<K, string | undefined | null>>, paging: { page?: number; pageSize?: number } = {}) => {
      const next = new URLSearchParams();
      for (const k of keys) {
        const v = k in values ? values[k] : params.get(k);
        if (v !== undefined && v !== null && v !== '') next.set(k, String(v));
      }
      if (paging.page && paging.page > 1) next.set('page', String(paging.page));
      if (paging.pageSize && paging.pageSize !== 20) next.set('pageSize', String(paging.pageSize));
      setParams(next);
    },
    [keys, params, setParams],
  );
  return { filters, page, pageSize, setFilters };
}

/**
 * Every department (an admin sees all; others their own): for names in tables and selects. All pages
 * are read — a select missing the 101st department would silently refuse it.
 */
export function useDepartments() {
  return useQuery({
    queryKey: ['departments', 'all'],
    queryFn: async () => {
      const first = await call(api.GET('/departments', { params: { query: { page: 1, pageSize: 100 } } }));
      const items = [...first.items];
      for (let page = 2; page <= first.meta.totalPages; page++) {
        items.push(...(await call(api.GET('/departments', { params: { query: { page, pageSize: 100 } } }))).items);
      }
      return { items };
    },
    staleTime: 60_000,
  });
}

export function departmentNameOf(list: Schemas['DepartmentDto'][] | undefined, id: string | null | undefined): string {
  if (!id) return '—';
  return list?.find((d) => d.id === id)?.name ?? '…';
}

/** The server's date in China (its clock, not the browser's): defaults of date fields. */
export function useServerToday(): string | undefined {
  const { data, isError } = useQuery({ queryKey: ['dashboard', 'todo'], queryFn: () => call(api.GET('/dashboard/todo')), staleTime: 60_000 });
  // Unreachable to-do counts should not block a form: the browser's date in China then.
  return data?.today ?? (isError ? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()) : undefined);
}

/** A date field whose value is a YYYY-MM-DD string, typed or picked. */
export function DateField({ value, onChange, id, ...rest }: { value?: string | null; onChange?: (value: string | undefined) => void; id?: string; placeholder?: string; disabled?: boolean; 'aria-label'?: string }) {
  return (
    <DatePicker
      id={id}
      format="YYYY-MM-DD"
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      style={{ width: '100%' }}
      placeholder={rest.placeholder ?? 'YYYY-MM-DD'}
      disabled={rest.disabled}
      aria-label={rest['aria-label']}
    />
  );
}
