import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PersonalApiKeyApi, PersonalApiKeyWrite } from '@warren/shared/api-keys-api';
import type { ProjectApi, ProjectSettingsPatch } from '@warren/shared/projects-api';
import { api } from '../api/api-client';
import { CURRENT_USER_KEY } from '../api/current-user';

const projectKey = (projectId: number) => ['settings', 'project', projectId] as const;
const API_KEYS_KEY = ['settings', 'personal_api_keys'] as const;

export function useProject(projectId: number) {
  return useQuery({ queryKey: projectKey(projectId), queryFn: () => api.get<ProjectApi>(`/api/projects/${projectId}/`) });
}

/**
 * Saves project settings (one mutation per control, so each shows its own "Saved" or error). The answer is the
 * stored project, which replaces the cached one; the current user is refetched because the shell shows the
 * project's name and other screens read its token from there.
 */
export function useSaveProject(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProjectSettingsPatch) => api.patch<ProjectApi>(`/api/projects/${projectId}/`, patch),
    onSuccess: (saved) => {
      client.setQueryData(projectKey(projectId), saved);
      void client.invalidateQueries({ queryKey: CURRENT_USER_KEY });
    },
  });
}

export function useResetProjectToken(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.patch<ProjectApi>(`/api/projects/${projectId}/reset_token/`, {}),
    onSuccess: (saved) => {
      client.setQueryData(projectKey(projectId), saved);
      void client.invalidateQueries({ queryKey: CURRENT_USER_KEY });
    },
  });
}

/** The signed-in user's own keys (at most 10, so no paging). */
export function usePersonalApiKeys() {
  return useQuery({ queryKey: API_KEYS_KEY, queryFn: () => api.get<PersonalApiKeyApi[]>('/api/personal_api_keys/') });
}

function useKeyMutation<V, R>(request: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => client.invalidateQueries({ queryKey: API_KEYS_KEY }) });
}

export const useCreatePersonalApiKey = () =>
  useKeyMutation((body: PersonalApiKeyWrite) => api.post<PersonalApiKeyApi>('/api/personal_api_keys/', body));

export const useRollPersonalApiKey = () =>
  useKeyMutation((id: string) => api.post<PersonalApiKeyApi>(`/api/personal_api_keys/${encodeURIComponent(id)}/roll/`));

export const useDeletePersonalApiKey = () => useKeyMutation((id: string) => api.delete(`/api/personal_api_keys/${encodeURIComponent(id)}/`));
