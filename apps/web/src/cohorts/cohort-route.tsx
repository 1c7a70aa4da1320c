import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import type { CohortApi } from '@warren/shared/cohorts-api';
import { api } from '../api/api-client';
import { useProjectId } from '../app/use-project-id';
import { ConfirmDeleteButton } from '../components/ConfirmDeleteButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { CohortForm } from './CohortForm';
import { CohortPersons } from './CohortPersons';
import { CohortStatus } from './CohortStatus';
import { StaticCohortUpload } from './StaticCohortUpload';
import { forgetDeleted } from './paginated-cache';
import { cohortKey, cohortsKey, useCohort } from './cohort-queries';
import './cohorts.css';

/** `/project/:id/cohorts/new` and `/project/:id/cohorts/:cohortId`: the cohort editor, its status and its persons. */
export function Component() {
  const projectId = useProjectId();
  const { cohortId: rawId } = useParams();
  const cohortId = rawId === 'new' ? null : Number(rawId);
  const navigate = useNavigate();
  const client = useQueryClient();
  const known = cohortId !== null && Number.isSafeInteger(cohortId) && cohortId > 0;
  const cohort = useCohort(projectId, known ? cohortId : null);
  const back = (
    <Link to={`/project/${projectId}/cohorts`} className="small">
      ← All cohorts
    </Link>
  );

  // The saved cohort goes straight into the cache, so its "Calculating…" shows and polling starts at once.
  const saved = (next: CohortApi) => {
    client.setQueryData(cohortKey(projectId, next.id), next);
    // A static cohort keeps its membership version across uploads, so its persons are re-read explicitly.
    void client.invalidateQueries({ queryKey: [...cohortKey(projectId, next.id), 'persons'] });
    void client.invalidateQueries({ queryKey: cohortsKey(projectId), predicate: (q) => q.queryKey[2] === 'list' });
    if (cohortId === null) navigate(`/project/${projectId}/cohorts/${next.id}`, { replace: true });
  };

  if (cohortId === null) {
    return (
      <>
        <PageHeader title="New cohort">{back}</PageHeader>
        <CohortForm projectId={projectId} cohort={null} onSaved={saved} />
      </>
    );
  }
  if (!known) {
    return (
      <>
        <PageHeader title="Cohort not found">{back}</PageHeader>
        <p className="muted">There is no cohort at this address.</p>
      </>
    );
  }
  if (cohort.isPending) return <Spinner label="Loading cohort" />;
  if (cohort.isError) {
    return (
      <>
        <PageHeader title="Cohort">{back}</PageHeader>
        <ErrorNotice error={cohort.error} title="The cohort could not be loaded" />
      </>
    );
  }

  const current = cohort.data;
  const remove = async () => {
    await api.patch(`/api/projects/${projectId}/cohorts/${current.id}/`, { deleted: true });
    await forgetDeleted(client, cohortKey(projectId, current.id), cohortsKey(projectId), current.id);
    navigate(`/project/${projectId}/cohorts`);
  };
  return (
    <>
      <PageHeader
        title={current.name || 'Untitled cohort'}
        actions={
          <ConfirmDeleteButton title={`Delete cohort “${current.name}”?`} confirmLabel="Yes, delete" errorTitle="The cohort was not deleted" onDelete={remove}>
            <p>Insights and feature flags that filter on this cohort will stop matching anyone. The persons themselves are kept.</p>
          </ConfirmDeleteButton>
        }
      >
        {back}
      </PageHeader>
      <div className="stack">
        <CohortStatus cohort={current} />
        <CohortForm key={current.id} projectId={projectId} cohort={current} onSaved={saved} />
        {current.is_static && <StaticCohortUpload projectId={projectId} cohort={current} onSaved={saved} />}
        <CohortPersons projectId={projectId} cohort={current} />
      </div>
    </>
  );
}
