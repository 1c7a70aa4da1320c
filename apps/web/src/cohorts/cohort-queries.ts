import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CohortApi, CohortPersonApi } from '@warren/shared/cohorts-api';
import { api, type Paginated } from '../api/api-client';

export const COHORTS_PAGE_SIZE = 50;
export const PERSONS_PAGE_SIZE = 25;
/** How often an open cohort is re-read while the server calculates it: often enough to feel live, cheap enough for a laptop. */
const CALCULATING_POLL_MS = 1_500;

export const cohortsKey = (projectId: number) => ['cohorts', projectId] as const;
export const cohortKey = (projectId: number, cohortId: number) => ['cohorts', projectId, cohortId] as const;

/** A page of the project's cohorts whose name contains `search`. */
export function useCohorts(projectId: number, search: string, offset: number, limit = COHORTS_PAGE_SIZE) {
  return useQuery({
    queryKey: [...cohortsKey(projectId), 'list', search, offset, limit],
    queryFn: ({ signal }) => api.get<Paginated<CohortApi>>(`/api/projects/${projectId}/cohorts/`, { search, offset, limit }, signal),
    placeholderData: keepPreviousData,
    // A list showing a cohort still calculating refreshes until it is done.
    refetchInterval: (query) => (query.state.data?.results.some((c) => c.is_calculating) ? CALCULATING_POLL_MS * 2 : false),
  });
}

/** One cohort, re-read while it is calculating so its count and members appear when the server is done. */
export function useCohort(projectId: number, cohortId: number | null) {
  return useQuery({
    queryKey: cohortKey(projectId, cohortId ?? 0),
    queryFn: ({ signal }) => api.get<CohortApi>(`/api/projects/${projectId}/cohorts/${cohortId}/`, undefined, signal),
    enabled: cohortId !== null,
    refetchInterval: (query) => (query.state.data?.is_calculating ? CALCULATING_POLL_MS : false),
  });
}

/**
 * A page of a cohort's members. The cohort's membership `version` is part of the key, so a finished calculation or
 * upload shows its new members at once.
 */
export function useCohortPersons(projectId: number, cohort: Pick<CohortApi, 'id' | 'version'>, offset: number) {
  return useQuery({
    queryKey: [...cohortKey(projectId, cohort.id), 'persons', cohort.version, offset],
    queryFn: ({ signal }) =>
      api.get<Paginated<CohortPersonApi>>(`/api/projects/${projectId}/cohorts/${cohort.id}/persons/`, { limit: PERSONS_PAGE_SIZE, offset }, signal),
    // Paging keeps the page on screen until the next arrives; a new membership version does not show the old members.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[4] === cohort.version ? previous : undefined),
  });
}
