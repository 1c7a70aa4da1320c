import type {
  DashboardApi,
  DashboardCreate,
  DashboardListItemApi,
  DashboardUpdate,
  SharedDashboardApi,
  SharingConfigurationApi,
} from '@warren/shared/dashboards-api';
import type { InsightBasicApi } from '@warren/shared/insights-api';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Paginated } from '../api/api-client';

/** Dashboards per page of the list. */
export const DASHBOARDS_PAGE_SIZE = 50;

const base = (projectId: number) => `/api/projects/${projectId}/dashboards/`;
export const dashboardsKey = (projectId: number) => ['dashboards', projectId] as const;
const dashboardKey = (projectId: number, id: number) => ['dashboards', projectId, id] as const;

/** A page of the project's dashboards (pinned first, then by name), filtered by name or description. */
export function useDashboardList(projectId: number, search: string, offset: number) {
  return useQuery({
    queryKey: [...dashboardsKey(projectId), 'list', search, offset],
    queryFn: ({ signal }) => api.get<Paginated<DashboardListItemApi>>(base(projectId), { search, limit: DASHBOARDS_PAGE_SIZE, offset }, signal),
    placeholderData: keepPreviousData,
  });
}

/**
 * One dashboard with its tiles. `refresh=force_cache` (the server's default, said out loud): the server computes
 * nothing here, since every tile runs its own query and shows its own progress.
 */
export function useDashboard(projectId: number, id: number) {
  return useQuery({
    queryKey: dashboardKey(projectId, id),
    queryFn: ({ signal }) => api.get<DashboardApi>(`${base(projectId)}${id}/`, { refresh: 'force_cache' }, signal),
  });
}

export function useCreateDashboard(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DashboardCreate) => api.post<DashboardApi>(`${base(projectId)}?refresh=force_cache`, body),
    onSuccess: (saved) => {
      client.setQueryData(dashboardKey(projectId, saved.id), saved);
      void client.invalidateQueries({ queryKey: [...dashboardsKey(projectId), 'list'] });
    },
  });
}

/**
 * Any PATCH of a dashboard (fields, filters, tiles, soft delete); the answer is the dashboard as saved, which
 * replaces the cached one so the screen shows what the server stored.
 */
export function useUpdateDashboard(projectId: number, id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DashboardUpdate) => api.patch<DashboardApi>(`${base(projectId)}${id}/?refresh=force_cache`, body),
    onSuccess: (saved) => {
      if (saved.deleted) client.removeQueries({ queryKey: dashboardKey(projectId, id) });
      else client.setQueryData(dashboardKey(projectId, id), saved);
      void client.invalidateQueries({ queryKey: [...dashboardsKey(projectId), 'list'] });
    },
  });
}

/** Deleting is PostHog's soft delete (`PATCH {deleted: true}`); the dashboard's insights stay. */
export function useDeleteDashboard(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.patch<DashboardApi>(`${base(projectId)}${id}/?refresh=force_cache`, { deleted: true }),
    onSuccess: (_saved, id) => {
      client.removeQueries({ queryKey: dashboardKey(projectId, id) });
      void client.invalidateQueries({ queryKey: [...dashboardsKey(projectId), 'list'] });
    },
  });
}

const sharingKey = (projectId: number, id: number) => ['dashboards', projectId, id, 'sharing'] as const;

export function useSharing(projectId: number, id: number) {
  return useQuery({
    queryKey: sharingKey(projectId, id),
    queryFn: ({ signal }) => api.get<SharingConfigurationApi>(`${base(projectId)}${id}/sharing/`, undefined, signal),
  });
}

export function useSetSharing(projectId: number, id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) => api.patch<SharingConfigurationApi>(`${base(projectId)}${id}/sharing/`, { enabled }),
    onSuccess: (saved) => {
      client.setQueryData(sharingKey(projectId, id), saved);
      // `is_shared` of the dashboard and its list row changed.
      void client.invalidateQueries({ queryKey: dashboardsKey(projectId) });
    },
  });
}

/** A new token: the old link stops working at once. */
export function useRotateSharing(projectId: number, id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<SharingConfigurationApi>(`${base(projectId)}${id}/sharing/refresh/`),
    onSuccess: (saved) => client.setQueryData(sharingKey(projectId, id), saved),
  });
}

/** Saved insights the "Add insight" picker lists at once (`basic=true`: no results). */
export const INSIGHT_PICK_PAGE_SIZE = 20;

/** Saved insights matching the search, newest changes first, for adding to a dashboard. */
export function useInsightPicks(projectId: number, search: string) {
  return useQuery({
    queryKey: ['insights', projectId, 'picker', search],
    queryFn: ({ signal }) =>
      api.get<Paginated<InsightBasicApi>>(`/api/projects/${projectId}/insights/`, { saved: true, basic: true, search, order: '-last_modified_at', limit: INSIGHT_PICK_PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The public view of a shared link: no session, the token is the only credential. */
export function useSharedDashboard(accessToken: string) {
  return useQuery({
    queryKey: ['shared', accessToken],
    queryFn: ({ signal }) => api.get<SharedDashboardApi | { type: 'scene'; insight: unknown }>(`/api/shared/${encodeURIComponent(accessToken)}/`, undefined, signal),
    retry: false,
  });
}
