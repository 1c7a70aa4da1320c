import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SharingConfigurationApi } from '@warren/shared/dashboards-api';
import { api } from '../api/api-client';

const path = (projectId: number) => `/api/projects/${projectId}/web_analytics/sharing/`;
const key = (projectId: number) => ['web-analytics', 'sharing', projectId];

/** The project's public link to its web analytics page (a sharing configuration, as a dashboard's). */
export function useWebSharing(projectId: number) {
  return useQuery({ queryKey: key(projectId), queryFn: ({ signal }) => api.get<SharingConfigurationApi>(path(projectId), undefined, signal) });
}

/** Turns the public link on or off; turned back on, it is the same link. */
export function useSetWebSharing(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) => api.patch<SharingConfigurationApi>(path(projectId), { enabled }),
    onSuccess: (saved) => client.setQueryData(key(projectId), saved),
  });
}

/** A new link: the old one stops working at once. */
export function useRotateWebSharing(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<SharingConfigurationApi>(`${path(projectId)}refresh/`),
    onSuccess: (saved) => client.setQueryData(key(projectId), saved),
  });
}

/** Where a public link opens. Example: publicWebLink('https://warren.example', 'abc') -> 'https://warren.example/shared/web/abc' */
export function publicWebLink(origin: string, accessToken: string): string {
  return `${origin}/shared/web/${encodeURIComponent(accessToken)}`;
}
