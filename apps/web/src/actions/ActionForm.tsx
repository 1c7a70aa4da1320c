import { useState } from 'react';
import type { ActionApi } from '@warren/shared/actions-api';
import { api } from '../api/api-client';
import { NameFields } from '../cohorts/NameFields';
import { SaveFooter } from '../cohorts/SaveFooter';
import { useCheckedSave } from '../cohorts/use-checked-save';
import { StepEditor } from './StepEditor';
import { actionBody, actionFormState, actionProblems, newStep, type ActionFormState, type StepForm } from './action-step-model';

interface Props {
  projectId: number;
  /** The stored action, or null for a new one. */
  action: ActionApi | null;
  onSaved: (action: ActionApi) => void;
}

/** Name, description and the steps of an action; an event matches the action when it matches any step. */
export function ActionForm({ projectId, action, onSaved }: Props) {
  const [state, setState] = useState<ActionFormState>(() => actionFormState(action));
  const set = (patch: Partial<ActionFormState>) => setState((s) => ({ ...s, ...patch }));
  const setStep = (index: number, step: StepForm) => set({ steps: state.steps.map((s, i) => (i === index ? step : s)) });

  const { problems, saving, error, submit } = useCheckedSave(
    () => actionProblems(state),
    async () => {
      const base = `/api/projects/${projectId}/actions/`;
      onSaved(action ? await api.patch<ActionApi>(`${base}${action.id}/`, actionBody(state)) : await api.post<ActionApi>(base, actionBody(state)));
    },
  );

  return (
    <form className="card stack ca-form" onSubmit={(e) => void submit(e)} noValidate>
      <NameFields name={state.name} description={state.description} onChange={set} nameInvalid={problems.includes('Give the action a name.')} />
      <div className="ca-steps">
        <h2>Steps</h2>
        <p className="muted small">An event is part of this action when it matches any of the steps.</p>
        {state.steps.map((step, i) => (
          <div key={step.uid}>
            {i > 0 && (
              <div className="ca-joiner" aria-hidden="true">
                or
              </div>
            )}
            <StepEditor
              projectId={projectId}
              index={i + 1}
              step={step}
              onChange={(next) => setStep(i, next)}
              onRemove={() => set({ steps: state.steps.filter((_, j) => j !== i) })}
            />
          </div>
        ))}
        <div>
          <button type="button" className="small" onClick={() => set({ steps: [...state.steps, newStep('event')] })}>
            + Add step
          </button>
        </div>
      </div>
      <SaveFooter problems={problems} error={error} saving={saving} what="action" isNew={!action} />
    </form>
  );
}
