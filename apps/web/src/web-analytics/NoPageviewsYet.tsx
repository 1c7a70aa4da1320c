import { useCurrentUser } from '../api/current-user';
import { EmptyState } from '../components/EmptyState';
import { SetupSnippets } from '../components/SetupSnippets';

/** The page of a project without a single pageview: what to install, watched until the first view arrives. */
export function NoPageviewsYet({ projectId }: { projectId: number }) {
  const user = useCurrentUser();
  const token = user.data?.team?.id === projectId ? user.data.team.api_token : user.data?.organization?.teams.find((t) => t.id === projectId)?.api_token;
  return (
    <div className="stack">
      <EmptyState title="No pageviews yet">
        <p>Web analytics counts the pageviews posthog-js sends from your site. Add the snippet to every page; this page fills in as soon as the first view arrives.</p>
      </EmptyState>
      {token && <SetupSnippets token={token} />}
    </div>
  );
}
