import { useQuery } from '@tanstack/react-query';
import { api, type Paginated } from '../../../api/api-client';

interface ActionSummary {
  id: number;
  name: string;
}

/** The project's actions by id (for step pickers and step names); one request shared by every picker. */
export function useActionNames(projectId: number) {
  return useQuery({
    queryKey: ['actions', projectId, 'names'],
    queryFn: () => api.get<Paginated<ActionSummary>>(`/api/projects/${projectId}/actions/`, { limit: 500 }),
    select: (page) => new Map(page.results.map((a) => [a.id, a.name])),
    staleTime: 60_000,
  });
}
