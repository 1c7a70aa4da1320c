import { useState, type FormEvent } from 'react';
import type { CohortApi } from '@warren/shared/cohorts-api';
import { api, apiFormRequest } from '../api/api-client';
import { ErrorNotice } from '../components/ErrorNotice';
import { DefinitionEditor } from './DefinitionEditor';
import { cohortFormProblems, cohortFormState, cohortJsonBody, staticCohortUpload, type CohortFormState } from './cohort-form-model';

interface Props {
  projectId: number;
  /** The stored cohort, or null for a new one. */
  cohort: CohortApi | null;
  onSaved: (cohort: CohortApi) => void;
}

/**
 * Name, description and who is in the cohort. A new cohort is dynamic (criteria) or static (a CSV of distinct ids,
 * person UUIDs or emails); the kind cannot change afterwards, as in PostHog.
 */
export function CohortForm({ projectId, cohort, onSaved }: Props) {
  const [state, setState] = useState<CohortFormState>(() => cohortFormState(cohort));
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (patch: Partial<CohortFormState>) => setState((s) => ({ ...s, ...patch }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = cohortFormProblems(state);
    setProblems(found);
    if (found.length > 0) return;
    setSaving(true);
    setError(null);
    try {
      const base = `/api/projects/${projectId}/cohorts/`;
      let saved: CohortApi;
      if (!cohort && state.isStatic && file) saved = await apiFormRequest<CohortApi>('POST', base, staticCohortUpload(state, file, file.name));
      else if (!cohort) saved = await api.post<CohortApi>(base, cohortJsonBody(state, null));
      else saved = await api.patch<CohortApi>(`${base}${cohort.id}/`, cohortJsonBody(state, cohort));
      onSaved(saved);
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
        <input value={state.name} onChange={(e) => set({ name: e.target.value })} required aria-invalid={problems.includes('Give the cohort a name.')} />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea className="ca-description" rows={2} value={state.description} onChange={(e) => set({ description: e.target.value })} />
      </label>
      {!cohort && (
        <fieldset className="ca-kind">
          <legend>Kind</legend>
          <label>
            <input type="radio" name="cohort-kind" checked={!state.isStatic} onChange={() => set({ isStatic: false })} /> Dynamic: persons matching criteria,
            recalculated as data arrives
          </label>
          <label>
            <input type="radio" name="cohort-kind" checked={state.isStatic} onChange={() => set({ isStatic: true })} /> Static: a fixed list of persons from a
            CSV file
          </label>
        </fieldset>
      )}
      {state.isStatic && !cohort && (
        <label className="field">
          <span>CSV file of persons</span>
          <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <span className="muted small">
            One person per row: distinct ids in the first column, or a header naming the column (<code>distinct_id</code>, <code>person_id</code> or{' '}
            <code>email</code>). Without a file the cohort starts empty.
          </span>
        </label>
      )}
      {!state.isStatic && <DefinitionEditor projectId={projectId} selfId={cohort?.id ?? null} value={state.definition} onChange={(definition) => set({ definition })} />}
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
      {error !== null && <ErrorNotice error={error} title="The cohort was not saved" />}
      <div className="row">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : cohort ? 'Save cohort' : 'Create cohort'}
        </button>
      </div>
    </form>
  );
}
