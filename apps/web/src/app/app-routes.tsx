import type { RouteObject } from 'react-router';
import { LoginPage } from '../auth/LoginPage';
import { SignupPage } from '../auth/SignupPage';
import { AppShell } from './AppShell';
import { HomeRedirect } from './HomeRedirect';
import { NotFoundPage } from './NotFoundPage';
import { RequireSession } from './RequireSession';
import { RouteError } from './RouteError';

/**
 * Every screen's URL. Feature screens load lazily (each folder's `*-route.tsx` exports `Component`), so the shell's
 * initial JavaScript stays small and the charting code arrives only with the screens that draw charts.
 * URLs follow PostHog's (`/project/:projectId/insights/:shortId`, …) so links people keep still make sense.
 */
export const appRoutes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/signup', element: <SignupPage /> },
  { path: '/signup/:inviteToken', element: <SignupPage /> },
  // A shared dashboard's public link: read-only, for visitors without a session.
  { path: '/shared/:accessToken', lazy: () => import('../dashboards/shared-dashboard-route') },
  // A project's web analytics page, shared the same way.
  { path: '/shared/web/:accessToken', lazy: () => import('../web-analytics/shared-web-analytics-route') },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      { path: '/', element: <HomeRedirect /> },
      {
        path: '/project/:projectId',
        element: <AppShell />,
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'activity', lazy: () => import('../activity/activity-route') },
          { path: 'persons', lazy: () => import('../persons/persons-route') },
          { path: 'persons/:personId', lazy: () => import('../persons/person-route') },
          { path: 'insights', lazy: () => import('../insights/insights-route') },
          { path: 'insights/new', lazy: () => import('../insights/insight-route') },
          { path: 'insights/:shortId', lazy: () => import('../insights/insight-route') },
          { path: 'web', lazy: () => import('../web-analytics/web-analytics-route') },
          { path: 'replay', lazy: () => import('../replay/recordings-route') },
          { path: 'replay/:sessionId', lazy: () => import('../replay/recording-route') },
          { path: 'dashboards', lazy: () => import('../dashboards/dashboards-route') },
          { path: 'dashboards/:dashboardId', lazy: () => import('../dashboards/dashboard-route') },
          { path: 'feature_flags', lazy: () => import('../flags/flags-route') },
          { path: 'feature_flags/:flagId', lazy: () => import('../flags/flag-route') },
          { path: 'experiments', lazy: () => import('../experiments/experiments-route') },
          { path: 'experiments/:experimentId', lazy: () => import('../experiments/experiment-route') },
          { path: 'cohorts', lazy: () => import('../cohorts/cohorts-route') },
          { path: 'cohorts/:cohortId', lazy: () => import('../cohorts/cohort-route') },
          { path: 'actions', lazy: () => import('../actions/actions-route') },
          { path: 'actions/:actionId', lazy: () => import('../actions/action-route') },
          { path: 'settings', lazy: () => import('../settings/settings-route') },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
