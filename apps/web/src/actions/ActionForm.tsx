import { useState, type FormEvent } from 'react';
import type { ActionApi } from '@warren/shared/actions-api';
import { api } from '../api/api-client';
import { ErrorNotice } from '../components/ErrorNotice';
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
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (patch: Partial<ActionFormState>) => setState((s) => ({ ...s, ...patch }));
  const setStep = (index: number, step: StepForm) => set({ steps: state.steps.map((s, i) => (i === index ? step : s)) });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = actionProblems(state);
    setProblems(found);
    if (found.length > 0) return;
    setSaving(true);
    setError(null);
    try {
      const base = `/api/projects/${projectId}/actions/`;
      onSaved(action ? await api.patch<ActionApi>(`${base}${action.id}/`, actionBody(state)) : await api.post<ActionApi>(base, actionBody(state)));
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="card stack ca-form" onSubmit={(e) => void submit(e)} noValidate>
      <label className="field">
        <span>Name</span>
        <input value={state.name} onChange={(e) => set({ name: e.target.value })} required aria-invalid={problems.includes('Give the action a name.')} />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea className="ca-description" rows={2} value={state.description} onChange={(e) => set({ description: e.target.value })} />
      </label>
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
      {problems.length > 0 && (
        <div role="alert" className="notice notice-error">
          <strong>Before saving:</strong>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} title="The action was not saved" />}
      <div className="row">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : action ? 'Save action' : 'Create action'}
        </button>
      </div>
    </form>
  );
}
