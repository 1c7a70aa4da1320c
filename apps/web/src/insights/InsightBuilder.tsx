import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { InsightBasicApi } from '@warren/shared/insights-api';
import { errorMessage } from '../api/api-client';
import { PageHeader } from '../components/PageHeader';
import { ActorsModal } from './ActorsModal';
import { AddToDashboardDialog } from './AddToDashboardDialog';
import { InsightFiltersBar } from './InsightFiltersBar';
import { InsightKindTabs } from './InsightKindTabs';
import { InsightResultView } from './InsightResultView';
import { useDashboardChoices, useSaveInsight } from './insight-requests';
import { wrapQuery } from './insight-record';
import type { InsightActorsSource, InsightKindName, InsightQuery } from './kinds/insight-kind';
import { insightKind } from './kinds/registry';
import { switchKind } from './kind-switch';
import { runnableQuery } from './runnable-query';
import { useDebouncedValue } from '../components/use-debounced-value';

interface Props {
  projectId: number;
  /** The saved insight being edited; null for a new one. */
  insight: InsightBasicApi | null;
  initialQuery: InsightQuery;
}

// Edits settle this long before a query runs, so typing a filter value does not run one query a key.
const EDIT_SETTLE_MS = 400;

/**
 * The insight builder: kind tabs, the shared date range and filters, the kind's editor, the result (with the persons
 * behind any point), and saving, naming and adding to dashboards.
 */
export function InsightBuilder({ projectId, insight, initialQuery }: Props) {
  const navigate = useNavigate();
  const idPrefix = useId();
  const [query, setQuery] = useState<InsightQuery>(initialQuery);
  // Each kind's last query, so a trip to another tab and back keeps what was built there.
  const [drafts, setDrafts] = useState<Partial<Record<InsightKindName, InsightQuery>>>({});
  const [name, setName] = useState(insight?.name ?? '');
  const [actors, setActors] = useState<{ source: InsightActorsSource; title: string } | null>(null);
  const [dashboardDialog, setDashboardDialog] = useState(false);
  const [added, setAdded] = useState<{ id: number; name: string | null } | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const save = useSaveInsight(projectId);
  const onDashboards = useDashboardChoices(projectId, Boolean(insight?.dashboards.length));

  const kind = insightKind(query.kind);
  const runnable = useMemo(() => runnableQuery(query), [query]);
  const settledJson = useDebouncedValue(JSON.stringify(runnable), EDIT_SETTLE_MS);
  const settled = useMemo(() => JSON.parse(settledJson) as InsightQuery, [settledJson]);
  const problem = kind.validate?.(settled) ?? null;
  const savedJson = useMemo(() => JSON.stringify(insight ? runnableQuery(initialQuery) : null), [insight, initialQuery]);
  const dirty = insight === null || JSON.stringify(runnable) !== savedJson || name !== (insight.name ?? '');

  const selectKind = (next: InsightKindName) => {
    if (next === query.kind) return;
    setDrafts({ ...drafts, [query.kind]: query });
    const draft = drafts[next];
    setQuery(switchKind(query, draft ?? insightKind(next).defaultQuery(), draft === undefined));
    setAdded(null);
  };

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await save.mutateAsync({
      id: insight?.id ?? null,
      body: { name: name.trim() || null, query: wrapQuery(runnable), saved: true },
    });
    if (!insight) navigate(`/project/${projectId}/insights/${saved.short_id}`, { replace: true });
  };

  const panelId = `${idPrefix}-panel`;
  const dashboardsOn = (onDashboards.data?.results ?? []).filter((d) => insight?.dashboards.includes(d.id));

  return (
    <div className="insight-builder">
      <PageHeader
        title={insight ? name.trim() || insight.derived_name || 'Untitled insight' : 'New insight'}
        actions={
          <>
            <button type="button" onClick={() => setRefreshKey(refreshKey + 1)} disabled={problem !== null}>
              Refresh
            </button>
            <button
              type="button"
              onClick={() => setDashboardDialog(true)}
              disabled={insight === null}
              title={insight === null ? 'Save the insight first' : undefined}
            >
              Add to dashboard
            </button>
          </>
        }
      >
        <Link to={`/project/${projectId}/insights`}>All insights</Link>
        {dashboardsOn.length > 0 && (
          <>
            {' · On '}
            {dashboardsOn.map((d, i) => (
              <span key={d.id}>
                {i > 0 && ', '}
                <Link to={`/project/${projectId}/dashboards/${d.id}`}>{d.name || `Dashboard ${d.id}`}</Link>
              </span>
            ))}
          </>
        )}
      </PageHeader>

      <form className="row save-bar card" onSubmit={onSave} aria-label="Save insight">
        <label className="inline-field grow">
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Untitled insight" maxLength={400} />
        </label>
        <button type="submit" className="primary" disabled={save.isPending || !dirty || problem !== null}>
          {save.isPending ? 'Saving…' : insight ? 'Save changes' : 'Save'}
        </button>
        <span role="status" className="muted small">
          {save.isError ? <span className="error-text">Not saved: {errorMessage(save.error)}</span> : save.isSuccess && !dirty ? 'Saved' : insight && !dirty ? 'No unsaved changes' : ''}
        </span>
      </form>

      {added && (
        <div className="notice notice-success" role="status">
          Added to <Link to={`/project/${projectId}/dashboards/${added.id}`}>{added.name || `dashboard ${added.id}`}</Link>.
        </div>
      )}

      <InsightKindTabs active={query.kind} onSelect={selectKind} panelId={panelId} idPrefix={idPrefix} />
      <div id={panelId} role="tabpanel" aria-labelledby={`${idPrefix}-${query.kind}`} className="insight-panel">
        <div className="insight-editor stack">
          <InsightFiltersBar projectId={projectId} query={query} onChange={setQuery} compare={Boolean(kind.supportsCompare)} />
          <section className="card" aria-label={`${kind.label} settings`}>
            <kind.Editor projectId={projectId} query={query} onChange={setQuery} />
          </section>
        </div>
        <section className="card insight-result" aria-label="Result">
          {problem ? (
            <p className="muted">{problem}</p>
          ) : (
            <InsightResultView
              projectId={projectId}
              query={settled}
              refreshKey={refreshKey}
              onShowActors={(source, title) => setActors({ source, title })}
            />
          )}
        </section>
      </div>

      {actors && <ActorsModal projectId={projectId} source={actors.source} title={actors.title} onClose={() => setActors(null)} />}
      {dashboardDialog && insight && (
        <AddToDashboardDialog
          projectId={projectId}
          insight={insight}
          onClose={() => setDashboardDialog(false)}
          onAdded={(dashboard) => {
            setDashboardDialog(false);
            setAdded(dashboard);
          }}
        />
      )}
    </div>
  );
}
