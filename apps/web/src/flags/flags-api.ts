import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import type { FeatureFlagApi, FeatureFlagWrite, FlagActivityApi } from '@warren/shared/feature-flags-api';
import { api, type Paginated } from '../api/api-client';

export const FLAGS_PAGE_SIZE = 50;

/** Every cached flag read of a project, so one invalidation refreshes the list and the flag pages. */
const flagsKey = (projectId: number) => ['feature_flags', projectId] as const;

export interface FlagListFilter {
  search: string;
  /** '' = all, 'true' = enabled only, 'false' = disabled only. */
  active: '' | 'true' | 'false';
  offset: number;
}

/** A page of the project's flags, newest first, matching the search and status filter. */
export function useFlagList(projectId: number, filter: FlagListFilter) {
  return useQuery({
    queryKey: [...flagsKey(projectId), 'list', filter],
    queryFn: ({ signal }) =>
      api.get<Paginated<FeatureFlagApi>>(
        `/api/projects/${projectId}/feature_flags/`,
        { search: filter.search.trim(), active: filter.active, limit: FLAGS_PAGE_SIZE, offset: filter.offset },
        signal,
      ),
    // Typing in the search box keeps the previous rows on screen instead of flashing a spinner.
    placeholderData: keepPreviousData,
  });
}

export function useFlag(projectId: number, flagId: number | null) {
  return useQuery({
    queryKey: [...flagsKey(projectId), 'one', flagId],
    queryFn: ({ signal }) => api.get<FeatureFlagApi>(`/api/projects/${projectId}/feature_flags/${flagId}/`, undefined, signal),
    enabled: flagId !== null,
  });
}

export function useFlagActivity(projectId: number, flagId: number) {
  return useQuery({
    queryKey: [...flagsKey(projectId), 'activity', flagId],
    queryFn: ({ signal }) => api.get<Paginated<FlagActivityApi>>(`/api/projects/${projectId}/feature_flags/${flagId}/activity/`, undefined, signal),
  });
}

/** Creates (no id) or updates a flag; every flag query of the project is refreshed afterwards. */
export function useSaveFlag(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: FeatureFlagWrite }) =>
      id === null
        ? api.post<FeatureFlagApi>(`/api/projects/${projectId}/feature_flags/`, body)
        : api.patch<FeatureFlagApi>(`/api/projects/${projectId}/feature_flags/${id}/`, body),
    onSuccess: (saved) => {
      client.setQueryData([...flagsKey(projectId), 'one', saved.id], saved);
      void client.invalidateQueries({ queryKey: flagsKey(projectId) });
    },
  });
}

/**
 * The kill switch: turns a flag on or off without touching anything else. No version is sent, so a switch flipped
 * from a list loaded minutes ago still works (it changes one field, and means it).
 */
export function useSetFlagActive(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: number; active: boolean }) => api.patch<FeatureFlagApi>(`/api/projects/${projectId}/feature_flags/${id}/`, { active }),
    onSuccess: (saved) => {
      client.setQueryData([...flagsKey(projectId), 'one', saved.id], saved);
      void client.invalidateQueries({ queryKey: flagsKey(projectId) });
    },
  });
}

/** Soft delete, as PostHog does it: PATCH `deleted: true` (DELETE answers 405). */
export function useDeleteFlag(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.patch<FeatureFlagApi>(`/api/projects/${projectId}/feature_flags/${id}/`, { deleted: true }),
    // Marked stale without refetching now: the open flag page would fetch its flag again and show a 404 before the
    // user is taken back to the list, which refetches as it mounts.
    onSuccess: () => client.invalidateQueries({ queryKey: flagsKey(projectId), refetchType: 'none' }),
  });
}

export interface CohortOption {
  id: number;
  name: string;
  cohort_type: string;
  count: number | null;
}

/** The project's cohorts, for the cohort picker of a condition set. */
export function useCohortOptions(projectId: number) {
  return useQuery({
    queryKey: ['cohorts', projectId, 'options'],
    queryFn: ({ signal }) => api.get<Paginated<CohortOption>>(`/api/projects/${projectId}/cohorts/`, { limit: 500 }, signal),
    staleTime: 60_000,
  });
}
