import { Navigate } from 'react-router';
import { useCurrentUser } from '../api/current-user';
import { EmptyState } from '../components/EmptyState';

/** `/` opens the current project's activity, which teaches the snippet while the project has no events. */
export function HomeRedirect() {
  const user = useCurrentUser();
  const team = user.data?.team;
  if (!team) return <EmptyState title="No project yet">Ask an organization admin to invite you to a project.</EmptyState>;
  return <Navigate to={`/project/${team.id}/activity`} replace />;
}
