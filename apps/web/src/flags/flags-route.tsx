import { useId } from 'react';
import { Link } from 'react-router';
import { useProjectId } from '../app/use-project-id';
import { EmptyState } from '../components/EmptyState';
import { ListResult } from '../components/ListResult';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { pageOf } from '../components/paging';
import { SearchField } from '../components/SearchField';
import { Spinner } from '../components/Spinner';
import { useUrlListFilter } from '../components/use-url-list-filter';
import { FlagTable } from './FlagTable';
import { FLAGS_PAGE_SIZE, useFlagList, type FlagListFilter } from './flags-api';
import './flags.css';

const SEARCH_DELAY_MS = 250;

/** `/feature_flags`: every flag with its status (a kill switch), who gets it, and who changed it last. */
export function Component() {
  const projectId = useProjectId();
  const id = useId();
  // The search and status live in the URL.
  const { filter, setFilter, typed, setTyped } = useUrlListFilter(filterFrom, paramsFrom, SEARCH_DELAY_MS);

  const list = useFlagList(projectId, filter);
  const filtered = filter.search !== '' || filter.active !== '';
  const count = list.data?.count ?? 0;
  const newFlag = (
    <Link className="button primary" to={`/project/${projectId}/feature_flags/new`}>
      New feature flag
    </Link>
  );

  return (
    <>
      <PageHeader title="Feature flags" actions={newFlag}>
        Turn features on for some users, split them into variants, and switch anything off at once.
      </PageHeader>
      {list.data && count === 0 && !filtered ? (
        <EmptyState title="No feature flags yet">
          <p>
            A flag lets you ship code switched off, release it to 5% of users, then everyone — and turn it off in one click if it misbehaves, without a
            deploy. posthog-js, posthog-node and posthog-python read flags from Warren.
          </p>
          {newFlag}
        </EmptyState>
      ) : (
        <>
          <div className="list-toolbar" role="search">
            <SearchField label="Search flags" value={typed} placeholder="Key or description" onChange={setTyped} />
            <label className="field" style={{ minWidth: '10rem' }}>
              <span>Status</span>
              <select value={filter.active} onChange={(e) => setFilter({ active: e.target.value as FlagListFilter['active'] })}>
                <option value="">All</option>
                <option value="true">Enabled</option>
                <option value="false">Disabled</option>
              </select>
            </label>
            {list.isFetching && <Spinner label="Loading" />}
          </div>
          <ListResult query={list} what="flags" empty={<p className="muted">No flags match these filters.</p>}>
            {(flags) => (
              <>
                <FlagTable projectId={projectId} flags={flags} captionId={`${id}-caption`} count={count} />
                <Pager label="Pages of feature flags" offset={filter.offset} pageSize={FLAGS_PAGE_SIZE} {...pageOf(list.data)} onChange={(offset) => setFilter({ offset })} />
              </>
            )}
          </ListResult>
        </>
      )}
    </>
  );
}

function filterFrom(params: URLSearchParams): FlagListFilter {
  const active = params.get('active');
  return {
    search: params.get('search') ?? '',
    active: active === 'true' || active === 'false' ? active : '',
    offset: Math.max(0, Number(params.get('offset')) || 0),
  };
}

function paramsFrom(filter: FlagListFilter): URLSearchParams {
  const out = new URLSearchParams();
  if (filter.search) out.set('search', filter.search);
  if (filter.active) out.set('active', filter.active);
  if (filter.offset) out.set('offset', String(filter.offset));
  return out;
}
