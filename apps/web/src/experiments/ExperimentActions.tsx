import { useState } from 'react';
import type { ExperimentApi, ExperimentWrite } from '@warren/shared/experiments-api';
import { ConfirmDeleteButton } from '../components/ConfirmDeleteButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { ConcludeDialog } from './ConcludeDialog';
import { ShipVariantDialog } from './ShipVariantDialog';
import { StepDialog } from './StepDialog';
import { statusOf } from './experiment-list-filter';
import { useDeleteExperiment, useDuplicateExperiment, useSaveExperiment, useShipVariant } from './experiments-api';

interface Props {
  projectId: number;
  experiment: ExperimentApi;
  /** The variant the primary results favour, offered first when shipping. */
  suggestedVariant: string | null;
  onDuplicated: (copy: ExperimentApi) => void;
  onDeleted: () => void;
}

type Open = null | 'launch' | 'stop' | 'conclude' | 'ship';

/** What can be done with the experiment now: launch a draft; stop, conclude or ship a running one; archive, duplicate, delete. */
export function ExperimentActions({ projectId, experiment, suggestedVariant, onDuplicated, onDeleted }: Props) {
  const [open, setOpen] = useState<Open>(null);
  const save = useSaveExperiment(projectId);
  const ship = useShipVariant(projectId);
  const duplicate = useDuplicateExperiment(projectId);
  const remove = useDeleteExperiment(projectId);
  const status = statusOf(experiment);
  const variants = (experiment.feature_flag?.filters.multivariate?.variants ?? []).map((v) => v.key);
  const close = () => {
    setOpen(null);
    save.reset();
    ship.reset();
  };
  const patch = (body: ExperimentWrite) => save.mutate({ id: experiment.id, body }, { onSuccess: () => setOpen(null) });

  return (
    <>
      {status === 'draft' && (
        <button type="button" className="primary" onClick={() => setOpen('launch')}>
          Launch
        </button>
      )}
      {status === 'running' && (
        <button type="button" onClick={() => setOpen('stop')}>
          Stop
        </button>
      )}
      {status !== 'draft' && (
        <button type="button" onClick={() => setOpen('conclude')}>
          {experiment.conclusion ? 'Change conclusion' : 'Conclude'}
        </button>
      )}
      {status !== 'draft' && !experiment.shipped_variant && variants.length > 0 && (
        <button type="button" className="primary" onClick={() => setOpen('ship')}>
          Ship a variant
        </button>
      )}
      <button type="button" disabled={duplicate.isPending} onClick={() => duplicate.mutate(experiment.id, { onSuccess: onDuplicated })}>
        Duplicate
      </button>
      <button type="button" disabled={save.isPending && open === null} onClick={() => patch({ archived: !experiment.archived })}>
        {experiment.archived ? 'Unarchive' : 'Archive'}
      </button>
      <ConfirmDeleteButton
        title={`Delete experiment ${experiment.name}?`}
        confirmLabel="Delete experiment"
        errorTitle="The experiment was not deleted"
        onDelete={() => remove.mutateAsync(experiment.id).then(onDeleted)}
      >
        <p>The experiment and its results go away. Its feature flag {experiment.feature_flag_key} stays as it is.</p>
      </ConfirmDeleteButton>
      {duplicate.isError && <ErrorNotice error={duplicate.error} title="The experiment was not duplicated" />}
      {save.isError && open === null && <ErrorNotice error={save.error} title="The experiment was not changed" />}

      {open === 'launch' && (
        <StepDialog title="Launch the experiment?" confirmLabel="Launch" pending={save.isPending} error={save.error} onClose={close} onConfirm={() => patch({ start_date: new Date().toISOString() })}>
          <p>
            The flag <strong className="mono">{experiment.feature_flag_key}</strong> turns on and people start seeing the variants {variants.join(', ')}. Exposures
            count from now on.
          </p>
        </StepDialog>
      )}
      {open === 'stop' && (
        <StepDialog title="Stop the experiment?" confirmLabel="Stop" pending={save.isPending} error={save.error} onClose={close} onConfirm={() => patch({ end_date: new Date().toISOString() })}>
          <p>Results stop counting now. The flag keeps serving its variants until you ship one or change it.</p>
        </StepDialog>
      )}
      {open === 'conclude' && (
        <ConcludeDialog
          running={status === 'running'}
          pending={save.isPending}
          error={save.error}
          onClose={close}
          onConclude={(conclusion, comment) =>
            patch({ conclusion, conclusion_comment: comment || null, ...(status === 'running' ? { end_date: new Date().toISOString() } : {}) })
          }
        />
      )}
      {open === 'ship' && (
        <ShipVariantDialog
          flagKey={experiment.feature_flag_key}
          variants={variants}
          suggested={suggestedVariant}
          running={status === 'running'}
          pending={ship.isPending}
          error={ship.error}
          onClose={close}
          onShip={(body) => ship.mutate({ id: experiment.id, body }, { onSuccess: () => setOpen(null) })}
        />
      )}
    </>
  );
}
