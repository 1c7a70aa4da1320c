import { Navigate, Outlet, useLocation } from 'react-router';
import { useCurrentUser } from '../api/current-user';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';

/** Screens behind it need a signed-in user; a signed-out visitor goes to login and comes back after. */
export function RequireSession() {
  const user = useCurrentUser();
  const location = useLocation();
  if (user.isPending) return <Spinner label="Loading Warren" />;
  if (user.isError) return <ErrorNotice error={user.error} />;
  if (!user.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}
