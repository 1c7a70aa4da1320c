import { useId } from 'react';
import { Link } from 'react-router';
import { useProjectId } from '../app/use-project-id';
import { EmptyState } from '../components/EmptyState';
import { InstantCheckbox } from '../components/InstantCheckbox';
import { ListResult } from '../components/ListResult';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { pageOf } from '../components/paging';
import { SearchField } from '../components/SearchField';
import { Spinner } from '../components/Spinner';
import { useUrlListFilter } from '../components/use-url-list-filter';
import { ExperimentTable } from './ExperimentTable';
import { STATUS_TABS, filterFromParams, paramsFromFilter } from './experiment-list-filter';
import { EXPERIMENTS_PAGE_SIZE, useExperimentList } from './experiments-api';
import './experiments.css';

const SEARCH_DELAY_MS = 250;

/** `/experiments`: every experiment by status (draft, running, complete), archived ones on request, searchable. */
export function Component() {
  const projectId = useProjectId();
  const id = useId();
  // Status, archive toggle and search live in the URL.
  const { filter, setFilter, typed, setTyped } = useUrlListFilter(filterFromParams, paramsFromFilter, SEARCH_DELAY_MS);

  const list = useExperimentList(projectId, filter);
  const filtered = filter.search !== '' || filter.status !== 'all' || filter.archived;
  const count = list.data?.count ?? 0;
  const newExperiment = (
    <Link className="button primary" to={`/project/${projectId}/experiments/new`}>
      New experiment
    </Link>
  );

  return (
    <>
      <PageHeader title="Experiments" actions={newExperiment}>
        Show variants of a feature to different people and measure which one does better, with honest statistics.
      </PageHeader>
      {list.data && count === 0 && !filtered ? (
        <EmptyState title="No experiments yet">
          <p>
            An experiment splits people between variants of a feature flag (say, the old checkout and a new one), counts who converts in each, and tells
            you whether the difference is real or chance — and when you have seen enough to decide.
          </p>
          {newExperiment}
        </EmptyState>
      ) : (
        <>
          <div className="list-toolbar" role="search">
            <div role="tablist" aria-label="Status" className="row experiment-status-tabs">
              {STATUS_TABS.map((tab) => (
                <button
                  key={tab.status}
                  type="button"
                  role="tab"
                  aria-selected={filter.status === tab.status}
                  className={filter.status === tab.status ? 'primary small' : 'small'}
                  onClick={() => setFilter({ status: tab.status })}
                >
                  {tab.label}
                </button>
              ))}
            </div>
            <SearchField label="Search experiments" value={typed} placeholder="Name or flag key" onChange={setTyped} />
            <InstantCheckbox className="check" checked={filter.archived} onChange={(archived) => setFilter({ archived })}>
              <span>Archived</span>
            </InstantCheckbox>
            {list.isFetching && <Spinner label="Loading" />}
          </div>
          <ListResult query={list} what="experiments" empty={<p className="muted">No experiments match these filters.</p>}>
            {(experiments) => (
              <>
                <ExperimentTable projectId={projectId} experiments={experiments} captionId={`${id}-caption`} count={count} />
                <Pager label="Pages of experiments" offset={filter.offset} pageSize={EXPERIMENTS_PAGE_SIZE} {...pageOf(list.data)} onChange={(offset) => setFilter({ offset })} />
              </>
            )}
          </ListResult>
        </>
      )}
    </>
  );
}
