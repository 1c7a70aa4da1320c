import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExperimentApi, ExperimentHoldoutApi, ExperimentHoldoutWrite, ExperimentSavedMetricApi, ExperimentWrite, ShipVariantWrite } from '@warren/shared/experiments-api';
import type { FeatureFlagApi } from '@warren/shared/feature-flags-api';
import { api, type Paginated } from '../api/api-client';
import type { ExperimentListFilter } from './experiment-list-filter';

export const EXPERIMENTS_PAGE_SIZE = 50;

/** Every cached experiment read of a project, so one invalidation refreshes the list and the experiment pages. */
const experimentsKey = (projectId: number) => ['experiments', projectId] as const;
const base = (projectId: number) => `/api/projects/${projectId}/experiments/`;

/** A page of the project's experiments in one status, newest first, matching the search. */
export function useExperimentList(projectId: number, filter: ExperimentListFilter) {
  return useQuery({
    queryKey: [...experimentsKey(projectId), 'list', filter],
    queryFn: ({ signal }) =>
      api.get<Paginated<ExperimentApi>>(
        base(projectId),
        { status: filter.status, archived: filter.archived, search: filter.search.trim(), order: '-created_at', limit: EXPERIMENTS_PAGE_SIZE, offset: filter.offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useExperiment(projectId: number, experimentId: number | null) {
  return useQuery({
    queryKey: [...experimentsKey(projectId), 'one', experimentId],
    queryFn: ({ signal }) => api.get<ExperimentApi>(`${base(projectId)}${experimentId}/`, undefined, signal),
    enabled: experimentId !== null,
  });
}

/** Keeps the answer in the cache and refreshes every experiment list (and flag reads: launching switches the flag). */
function useStoreExperiment(projectId: number) {
  const client = useQueryClient();
  return (saved: ExperimentApi) => {
    client.setQueryData([...experimentsKey(projectId), 'one', saved.id], saved);
    void client.invalidateQueries({ queryKey: experimentsKey(projectId) });
    void client.invalidateQueries({ queryKey: ['feature_flags', projectId] });
  };
}

/** Creates (no id) or updates an experiment: set-up, launch (`start_date`), stop (`end_date`), conclusion, archive. */
export function useSaveExperiment(projectId: number) {
  const store = useStoreExperiment(projectId);
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: ExperimentWrite }) =>
      id === null ? api.post<ExperimentApi>(base(projectId), body) : api.patch<ExperimentApi>(`${base(projectId)}${id}/`, body),
    onSuccess: store,
  });
}

/** Makes the experiment's flag serve one variant to everyone it reaches, ending the experiment. */
export function useShipVariant(projectId: number) {
  const store = useStoreExperiment(projectId);
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ShipVariantWrite }) => api.post<ExperimentApi>(`${base(projectId)}${id}/ship_variant/`, body),
    onSuccess: store,
  });
}

/** A copy of the experiment as a new draft on the same flag. */
export function useDuplicateExperiment(projectId: number) {
  const store = useStoreExperiment(projectId);
  return useMutation({
    mutationFn: (id: number) => api.post<ExperimentApi>(`${base(projectId)}${id}/duplicate/`, {}),
    onSuccess: store,
  });
}

/** Soft delete, as PostHog does it: PATCH `deleted: true` (DELETE answers 405). */
export function useDeleteExperiment(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.patch<ExperimentApi>(`${base(projectId)}${id}/`, { deleted: true }),
    // Stale without refetching now: the open page would fetch its experiment again and show a 404 before leaving.
    onSuccess: () => client.invalidateQueries({ queryKey: experimentsKey(projectId), refetchType: 'none' }),
  });
}

/** The project's saved metrics, to add to an experiment. */
export function useSavedMetrics(projectId: number) {
  return useQuery({
    queryKey: [...experimentsKey(projectId), 'saved-metrics'],
    queryFn: ({ signal }) => api.get<Paginated<ExperimentSavedMetricApi>>(`/api/projects/${projectId}/experiment_saved_metrics/`, { limit: 200 }, signal),
    staleTime: 60_000,
  });
}

/** The project's holdouts, to keep a share of people out of the experiment. */
export function useHoldouts(projectId: number) {
  return useQuery({
    queryKey: [...experimentsKey(projectId), 'holdouts'],
    queryFn: ({ signal }) => api.get<Paginated<ExperimentHoldoutApi>>(`/api/projects/${projectId}/experiment_holdouts/`, { limit: 200 }, signal),
    staleTime: 60_000,
  });
}

/** Creates a holdout (PostHog's `/experiment_holdouts/`) and refreshes the list the picker shows. */
export function useCreateHoldout(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ExperimentHoldoutWrite) => api.post<ExperimentHoldoutApi>(`/api/projects/${projectId}/experiment_holdouts/`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: [...experimentsKey(projectId), 'holdouts'] }),
  });
}

/** The project's multivariate flags, for running an experiment on a flag that exists. */
export function useFlagOptions(projectId: number, search: string) {
  return useQuery({
    queryKey: ['feature_flags', projectId, 'experiment-options', search],
    queryFn: ({ signal }) => api.get<Paginated<FeatureFlagApi>>(`/api/projects/${projectId}/feature_flags/`, { search, limit: 100 }, signal),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
