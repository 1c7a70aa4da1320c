import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Paginated } from '../api/api-client';
import type { CreatedInviteApi, InviteApi, InviteWrite, MemberApi } from '@warren/shared/members-api';

const membersKey = (organizationId: string, limit: number) => ['settings', 'members', organizationId, limit] as const;
const invitesKey = (organizationId: string) => ['settings', 'invites', organizationId] as const;
const base = (organizationId: string) => `/api/organizations/${encodeURIComponent(organizationId)}`;

/** The first `limit` members (the screen asks for more on demand rather than loading a big organization at once). */
export function useMembers(organizationId: string, limit: number) {
  return useQuery({
    queryKey: membersKey(organizationId, limit),
    queryFn: () => api.get<Paginated<MemberApi>>(`${base(organizationId)}/members/`, { limit }),
    placeholderData: (previous) => previous,
  });
}

export function useInvites(organizationId: string) {
  return useQuery({ queryKey: invitesKey(organizationId), queryFn: () => api.get<Paginated<InviteApi>>(`${base(organizationId)}/invites/`, { limit: 100 }) });
}

export function useCreateInvite(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteWrite) => api.post<CreatedInviteApi>(`${base(organizationId)}/invites/`, body),
    onSettled: () => client.invalidateQueries({ queryKey: invitesKey(organizationId) }),
  });
}

export function useDeleteInvite(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base(organizationId)}/invites/${encodeURIComponent(id)}/`),
    onSettled: () => client.invalidateQueries({ queryKey: invitesKey(organizationId) }),
  });
}
