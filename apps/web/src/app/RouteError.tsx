import { useRouteError } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';

/** What a screen that failed to load or threw while rendering shows instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  return (
    <main className="page">
      <ErrorNotice error={error} />
    </main>
  );
}
