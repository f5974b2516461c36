import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { todayInBeijing } from './resultsLabels';

/**
 * Today as the server counts it (Beijing time, its clock): the default of date fields the API checks
 * against "not in the future". The to-do counts carry it (same query key as the 工作台, so cached).
 */
export function useServerToday(): string | null {
  const todo = useQuery({ queryKey: ['dashboard', 'todo'], queryFn: () => call(api.GET('/dashboard/todo')), staleTime: 60_000 });
  if (todo.isError) return todayInBeijing();
  return todo.data?.today ?? null;
}
