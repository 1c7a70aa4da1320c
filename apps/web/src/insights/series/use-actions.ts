import { useQuery } from '@tanstack/react-query';
import { api, type Paginated } from '../../api/api-client';

/** The part of an action a series picker needs. */
export interface ActionChoice {
  id: number;
  name: string | null;
}

/** The project's actions, for series that count an action instead of an event. */
export function useActionChoices(projectId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['actions', projectId, 'choices'],
    enabled,
    queryFn: () => api.get<Paginated<ActionChoice>>(`/api/projects/${projectId}/actions/`, { limit: 500 }),
    staleTime: 60_000,
  });
}
