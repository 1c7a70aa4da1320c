import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import type { ActionApi } from '@warren/shared/actions-api';
import { api } from '../api/api-client';
import { useProjectId } from '../app/use-project-id';
import { ConfirmDeleteButton } from '../components/ConfirmDeleteButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { forgetDeleted } from '../cohorts/paginated-cache';
import { ActionForm } from './ActionForm';
import { MatchingEvents } from './MatchingEvents';
import { actionKey, actionsKey, useAction } from './action-queries';
import '../cohorts/cohorts.css';
import './actions.css';

/** `/project/:id/actions/new` and `/project/:id/actions/:actionId`: the action editor and how many events it matches. */
export function Component() {
  const projectId = useProjectId();
  const { actionId: rawId } = useParams();
  const actionId = rawId === 'new' ? null : Number(rawId);
  const navigate = useNavigate();
  const client = useQueryClient();
  const known = actionId !== null && Number.isSafeInteger(actionId) && actionId > 0;
  const action = useAction(projectId, known ? actionId : null);
  const back = (
    <Link to={`/project/${projectId}/actions`} className="small">
      ← All actions
    </Link>
  );

  const saved = (next: ActionApi) => {
    client.setQueryData(actionKey(projectId, next.id), next);
    void client.invalidateQueries({ queryKey: actionsKey(projectId), predicate: (q) => q.queryKey[2] === 'list' });
    if (actionId === null) navigate(`/project/${projectId}/actions/${next.id}`, { replace: true });
  };

  if (actionId === null) {
    return (
      <>
        <PageHeader title="New action">{back}</PageHeader>
        <ActionForm projectId={projectId} action={null} onSaved={saved} />
      </>
    );
  }
  if (!known) {
    return (
      <>
        <PageHeader title="Action not found">{back}</PageHeader>
        <p className="muted">There is no action at this address.</p>
      </>
    );
  }
  if (action.isPending) return <Spinner label="Loading action" />;
  if (action.isError) {
    return (
      <>
        <PageHeader title="Action">{back}</PageHeader>
        <ErrorNotice error={action.error} title="The action could not be loaded" />
      </>
    );
  }

  const current = action.data;
  const remove = async () => {
    await api.patch(`/api/projects/${projectId}/actions/${current.id}/`, { deleted: true });
    await forgetDeleted(client, actionKey(projectId, current.id), actionsKey(projectId), current.id);
    navigate(`/project/${projectId}/actions`);
  };
  return (
    <>
      <PageHeader
        title={current.name}
        actions={
          <ConfirmDeleteButton title={`Delete action “${current.name}”?`} confirmLabel="Yes, delete" errorTitle="The action was not deleted" onDelete={remove}>
            <p>Insights and cohorts that use this action will stop matching its events. The events themselves are kept.</p>
          </ConfirmDeleteButton>
        }
      >
        {back}
      </PageHeader>
      <div className="stack">
        <MatchingEvents projectId={projectId} action={current} />
        <ActionForm key={current.id} projectId={projectId} action={current} onSaved={saved} />
      </div>
    </>
  );
}
