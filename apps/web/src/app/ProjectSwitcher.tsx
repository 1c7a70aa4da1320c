import { useNavigate } from 'react-router';
import { api } from '../api/api-client';
import { useCurrentUser, useResetSession, type CurrentUser } from '../api/current-user';

/** Organization and project pickers; switching organization moves to that organization's first project. */
export function ProjectSwitcher({ projectId }: { projectId: number }) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const reset = useResetSession();
  const data = user.data;
  if (!data?.organization) return null;

  async function switchOrganization(id: string) {
    const next = await api.patch<CurrentUser>('/api/users/@me/', { set_current_organization: id });
    reset();
    navigate(next.team ? `/project/${next.team.id}/activity` : '/');
  }

  return (
    <div className="switcher">
      {data.organizations.length > 1 && (
        <label>
          <span className="label">Organization</span>
          <select value={data.organization.id} onChange={(e) => void switchOrganization(e.target.value)}>
            {data.organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        <span className="label">Project</span>
        <select value={projectId} onChange={(e) => navigate(`/project/${e.target.value}/activity`)}>
          {data.organization.teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
