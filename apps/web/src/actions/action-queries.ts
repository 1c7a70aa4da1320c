import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ActionApi } from '@warren/shared/actions-api';
import { api, type Paginated } from '../api/api-client';

export const ACTIONS_PAGE_SIZE = 50;

export const actionsKey = (projectId: number) => ['actions', projectId] as const;
export const actionKey = (projectId: number, actionId: number) => ['actions', projectId, actionId] as const;

/** A page of the project's actions whose name contains `search`, newest first. */
export function useActions(projectId: number, search: string, offset: number, limit = ACTIONS_PAGE_SIZE) {
  return useQuery({
    queryKey: [...actionsKey(projectId), 'list', search, offset, limit],
    queryFn: ({ signal }) => api.get<Paginated<ActionApi>>(`/api/projects/${projectId}/actions/`, { search, offset, limit }, signal),
    placeholderData: keepPreviousData,
  });
}

/** One action. */
export function useAction(projectId: number, actionId: number | null) {
  return useQuery({
    queryKey: actionKey(projectId, actionId ?? 0),
    queryFn: ({ signal }) => api.get<ActionApi>(`/api/projects/${projectId}/actions/${actionId}/`, undefined, signal),
    enabled: actionId !== null,
  });
}
