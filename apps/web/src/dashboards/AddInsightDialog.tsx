import { useState } from 'react';
import { Link } from 'react-router';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { relativeTime } from '../components/relative-time';
import { Spinner } from '../components/Spinner';
import { INSIGHT_PICK_PAGE_SIZE, useInsightPicks } from './dashboard-requests';
import { insightTitle } from './tile-content';
import { useDebouncedValue } from '../components/use-debounced-value';

interface Props {
  projectId: number;
  dashboardId: number;
  pending: boolean;
  error: unknown;
  onAdd: (insightId: number) => void;
  onClose: () => void;
}

/** Picks a saved insight to put on the dashboard; those already on it say so. */
export function AddInsightDialog({ projectId, dashboardId, pending, error, onAdd, onClose }: Props) {
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), 250);
  const picks = useInsightPicks(projectId, query);
  const results = picks.data?.results ?? [];
  return (
    <Dialog title="Add insight" onClose={onClose} size="wide">
      <div className="stack">
        <label className="field">
          <span>Search saved insights</span>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, description or tag" data-autofocus />
        </label>
        {picks.isPending && <Spinner label="Loading saved insights" />}
        {picks.isError && <ErrorNotice error={picks.error} title="Saved insights could not be loaded" />}
        {picks.data && results.length === 0 && (
          <p className="muted">
            {query ? 'No saved insight matches.' : 'No saved insights yet.'} <Link to={`/project/${projectId}/insights/new`}>Create an insight</Link>
          </p>
        )}
        {results.length > 0 && (
          <ul className="insight-picks" aria-label="Saved insights">
            {results.map((insight) => {
              const title = insightTitle(insight);
              const onIt = insight.dashboards.includes(dashboardId);
              return (
                <li key={insight.id} className="insight-pick">
                  <div>
                    <strong>{title}</strong>
                    <div className="muted small">
                      {insight.description ? `${insight.description} · ` : ''}changed {relativeTime(insight.last_modified_at)}
                    </div>
                  </div>
                  <button type="button" className="small" disabled={onIt || pending} onClick={() => onAdd(insight.id)} aria-label={onIt ? `${title} is on this dashboard` : `Add ${title}`}>
                    {onIt ? 'Added' : 'Add'}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {(picks.data?.count ?? 0) > INSIGHT_PICK_PAGE_SIZE && <p className="muted small">Showing the {INSIGHT_PICK_PAGE_SIZE} most recently changed; search to find others.</p>}
        {error != null && <ErrorNotice error={error} title="The insight was not added" />}
      </div>
    </Dialog>
  );
}
