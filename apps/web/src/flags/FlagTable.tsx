import { Link } from 'react-router';
import type { FeatureFlagApi } from '@warren/shared/feature-flags-api';
import { ErrorNotice } from '../components/ErrorNotice';
import { relativeTime } from '../components/relative-time';
import { FlagSwitch } from './FlagSwitch';
import { useSetFlagActive } from './flags-api';
import { rolloutSummary } from './rollout-summary';

/** The flags of one list page; each row's switch turns its flag on or off at once (the kill switch). */
export function FlagTable({ projectId, flags, captionId, count }: { projectId: number; flags: FeatureFlagApi[]; captionId: string; count: number }) {
  const setActive = useSetFlagActive(projectId);
  return (
    <>
      {setActive.isError && <ErrorNotice error={setActive.error} title="The flag was not switched" />}
      <table className="data flag-list" aria-describedby={captionId}>
        <caption id={captionId} className="visually-hidden">
          {count} feature {count === 1 ? 'flag' : 'flags'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Status</th>
            <th scope="col">Rollout</th>
            <th scope="col">Created by</th>
            <th scope="col">Last modified</th>
          </tr>
        </thead>
        <tbody>
          {flags.map((flag) => {
            const pending = setActive.isPending && setActive.variables?.id === flag.id;
            const shownActive = pending ? setActive.variables!.active : flag.active;
            return (
              <tr key={flag.id}>
                <td>
                  <Link className="flag-key" to={`/project/${projectId}/feature_flags/${flag.id}`}>
                    {flag.key}
                  </Link>
                  {flag.name && <span className="muted">{flag.name}</span>}
                </td>
                <td>
                  <FlagSwitch label={`${flag.key} enabled`} checked={shownActive} disabled={pending} onChange={(active) => setActive.mutate({ id: flag.id, active })} />
                </td>
                <td>{rolloutSummary(flag.filters)}</td>
                <td>{flag.created_by ? flag.created_by.first_name || flag.created_by.email : <span className="muted">—</span>}</td>
                <td>
                  <time dateTime={flag.updated_at} title={new Date(flag.updated_at).toLocaleString()}>
                    {relativeTime(flag.updated_at)}
                  </time>
                  {flag.last_modified_by && <span className="muted">by {flag.last_modified_by.first_name || flag.last_modified_by.email}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
