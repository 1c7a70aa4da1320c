import { useEffect } from 'react';
import { NavLink, Outlet } from 'react-router';
import { api } from '../api/api-client';
import { useCurrentUser } from '../api/current-user';
import { ProjectSwitcher } from './ProjectSwitcher';
import { UserMenu } from './UserMenu';
import { useProjectId } from './use-project-id';

const NAV: { to: string; label: string }[] = [
  { to: 'activity', label: 'Activity' },
  { to: 'insights', label: 'Insights' },
  { to: 'web', label: 'Web analytics' },
  { to: 'replay', label: 'Replay' },
  { to: 'dashboards', label: 'Dashboards' },
  { to: 'persons', label: 'Persons' },
  { to: 'feature_flags', label: 'Feature flags' },
  { to: 'experiments', label: 'Experiments' },
  { to: 'cohorts', label: 'Cohorts' },
  { to: 'actions', label: 'Actions' },
  { to: 'settings', label: 'Settings' },
];

/** The frame of every project screen: navigation, project switcher and user menu around the screen itself. */
export function AppShell() {
  const projectId = useProjectId();
  const user = useCurrentUser();
  const currentTeamId = user.data?.team?.id;

  // Opening a project's URL makes it the user's current project, as PostHog does, so `/` comes back to it.
  useEffect(() => {
    if (currentTeamId !== undefined && currentTeamId !== projectId) {
      void api.patch('/api/users/@me/', { set_current_team: projectId }).then(() => user.refetch(), () => undefined);
    }
  }, [currentTeamId, projectId]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">Warren</div>
        <ProjectSwitcher projectId={projectId} />
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={`/project/${projectId}/${item.to}`}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <UserMenu />
      </aside>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
