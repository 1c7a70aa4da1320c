import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api-client';

export interface ProjectBasic {
  id: number;
  uuid: string;
  organization: string;
  api_token: string;
  name: string;
  timezone: string;
}

export interface OrganizationBasic {
  id: string;
  name: string;
  slug: string;
  membership_level: number | null;
}

export interface CurrentUser {
  id: number;
  uuid: string;
  distinct_id: string;
  first_name: string;
  email: string;
  team: ProjectBasic | null;
  organization: (OrganizationBasic & { teams: ProjectBasic[]; projects?: ProjectBasic[] }) | null;
  organizations: OrganizationBasic[];
}

export const CURRENT_USER_KEY = ['users', '@me'] as const;

/** The signed-in user (null when signed out), with their current organization and project. */
export function useCurrentUser() {
  return useQuery({
    queryKey: CURRENT_USER_KEY,
    queryFn: async () => {
      try {
        return await api.get<CurrentUser>('/api/users/@me/');
      } catch (error) {
        if ((error as { status?: number }).status === 401 || (error as { status?: number }).status === 403) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Forget everything cached about the previous session (after login, logout or a switch of organization). */
export function useResetSession() {
  const client = useQueryClient();
  return () => client.resetQueries();
}
