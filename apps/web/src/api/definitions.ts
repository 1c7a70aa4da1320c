import { useQuery } from '@tanstack/react-query';
import { api, type Paginated } from './api-client';

export interface PropertyDefinition {
  id: string;
  name: string;
  property_type: 'String' | 'Numeric' | 'Boolean' | 'DateTime' | null;
}

export interface EventDefinition {
  id: string;
  name: string;
  volume_30_day?: number | null;
  last_seen_at?: string | null;
}

/** Property names ingestion has seen for events, persons or sessions, matching `search` (for pickers). */
export function usePropertyDefinitions(projectId: number, type: 'event' | 'person' | 'session', search = '') {
  return useQuery({
    queryKey: ['property_definitions', projectId, type, search],
    queryFn: () => api.get<Paginated<PropertyDefinition>>(`/api/projects/${projectId}/property_definitions/`, { type, search, limit: 100 }),
    staleTime: 60_000,
  });
}

/** Event names ingestion has seen, matching `search` (for pickers). */
export function useEventDefinitions(projectId: number, search = '') {
  return useQuery({
    queryKey: ['event_definitions', projectId, search],
    queryFn: () => api.get<Paginated<EventDefinition>>(`/api/projects/${projectId}/event_definitions/`, { search, limit: 100 }),
    staleTime: 60_000,
  });
}
