import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DashboardBasicApi } from '@warren/shared/dashboards-api';
import type { InsightBasicApi, InsightWriteApi } from '@warren/shared/insights-api';
import { api, type Paginated } from '../api/api-client';

export const INSIGHTS_PAGE_SIZE = 30;

/** Saved insights, newest change first, matching `search`, a page at a time (`basic`: no results computed). */
export function useInsightList(projectId: number, search: string, offset: number) {
  return useQuery({
    queryKey: ['insights', projectId, 'list', search, offset],
    queryFn: () =>
      api.get<Paginated<InsightBasicApi>>(`/api/projects/${projectId}/insights/`, {
        saved: true,
        basic: true,
        order: '-last_modified_at',
        search,
        limit: INSIGHTS_PAGE_SIZE,
        offset,
      }),
    placeholderData: (previous) => previous,
  });
}

/** One insight by the short id in its URL (the REST API addresses insights by number, so this asks the list). */
export function useInsightByShortId(projectId: number, shortId: string | undefined) {
  return useQuery({
    queryKey: ['insights', projectId, 'short', shortId],
    enabled: shortId !== undefined,
    queryFn: async () => {
      const page = await api.get<Paginated<InsightBasicApi>>(`/api/projects/${projectId}/insights/`, { short_id: shortId, basic: true, limit: 1 });
      return page.results[0] ?? null;
    },
    staleTime: 0,
  });
}

/** Creates (no id) or updates an insight; the caches of lists and of that insight are refreshed. */
export function useSaveInsight(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: InsightWriteApi }) =>
      id === null
        ? api.post<InsightBasicApi>(`/api/projects/${projectId}/insights/`, body)
        : api.patch<InsightBasicApi>(`/api/projects/${projectId}/insights/${id}/`, body),
    onSuccess: (saved) => {
      client.setQueryData(['insights', projectId, 'short', saved.short_id], saved);
      void client.invalidateQueries({ queryKey: ['insights', projectId, 'list'] });
      void client.invalidateQueries({ queryKey: ['dashboards', projectId] });
    },
  });
}

/** The project's dashboards, by name, for "Add to dashboard". */
export function useDashboardChoices(projectId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['dashboards', projectId, 'choices'],
    enabled,
    queryFn: () => api.get<Paginated<DashboardBasicApi>>(`/api/projects/${projectId}/dashboards/`, { limit: 200 }),
  });
}

/** A new empty dashboard. */
export function createDashboard(projectId: number, name: string) {
  return api.post<DashboardBasicApi>(`/api/projects/${projectId}/dashboards/`, { name });
}
