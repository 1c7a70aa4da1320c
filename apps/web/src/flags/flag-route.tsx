import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ConfirmDeleteButton } from '../components/ConfirmDeleteButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { useProjectId } from '../app/use-project-id';
import { FlagCode } from './FlagCode';
import { FlagEditor } from './FlagEditor';
import { FlagHistory } from './FlagHistory';
import { FlagUsage } from './FlagUsage';
import { emptyForm, formFromFlag } from './flag-form';
import { useDeleteFlag, useFlag } from './flags-api';
import './flags.css';

/** `/feature_flags/new` and `/feature_flags/:flagId`: the editor, and for a saved flag its usage, code and history. */
export function Component() {
  const projectId = useProjectId();
  const { flagId: rawId } = useParams();
  const navigate = useNavigate();
  const isNew = rawId === 'new';
  const flagId = !isNew && /^\d+$/.test(rawId ?? '') ? Number(rawId) : null;
  const flag = useFlag(projectId, flagId);
  const remove = useDeleteFlag(projectId);
  const listPath = `/project/${projectId}/feature_flags`;

  // Built once per flag: refetches after a save must not reset what the user is typing.
  const initial = useMemo(() => (flag.data ? formFromFlag(flag.data) : emptyForm()), [flag.data?.id, isNew]);

  if (isNew) {
    return (
      <>
        <PageHeader title="New feature flag">Release a change to some users first, and turn it off without deploying.</PageHeader>
        <FlagEditor
          key="new"
          projectId={projectId}
          flagId={null}
          initial={initial}
          onSaved={(saved) => navigate(`${listPath}/${saved.id}`, { replace: true })}
        />
      </>
    );
  }
  if (flagId === null) return <ErrorNotice error={new Error(`There is no feature flag at ${rawId}.`)} title="Feature flag not found" />;
  if (flag.isPending) return <Spinner label="Loading the flag" />;
  if (flag.isError) return <ErrorNotice error={flag.error} title="Feature flag not found" />;

  const stored = flag.data;
  const variants = (stored.filters.multivariate?.variants ?? []).map((v) => v.key);
  const hasPayload = Object.keys(stored.filters.payloads ?? {}).length > 0;
  return (
    <>
      <PageHeader
        title={stored.key}
        actions={
          // Soft-deleted as in PostHog: SDKs stop getting the flag, its history stays.
          <ConfirmDeleteButton
            title={`Delete feature flag ${stored.key}?`}
            confirmLabel="Delete flag"
            errorTitle="The flag was not deleted"
            onDelete={() => remove.mutateAsync(stored.id).then(() => navigate(listPath))}
          >
            <p>Code asking for this flag will get false (or undefined) from now on. Its history is kept.</p>
          </ConfirmDeleteButton>
        }
      >
        <span className={stored.active ? 'badge badge-success' : 'badge badge-danger'}>{stored.active ? 'Enabled' : 'Disabled'}</span>{' '}
        {stored.name}
      </PageHeader>
      <div className="flag-editor">
        <FlagEditor key={stored.id} projectId={projectId} flagId={stored.id} initial={initial} storedKey={stored.key} onSaved={() => undefined} />
        <FlagUsage projectId={projectId} flagKey={stored.key} />
        <FlagCode flagKey={stored.key} variants={variants} hasPayload={hasPayload} />
        <FlagHistory projectId={projectId} flagId={stored.id} />
      </div>
    </>
  );
}
