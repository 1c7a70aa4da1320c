import { useState } from 'react';
import type { CohortApi } from '@warren/shared/cohorts-api';
import { api, apiFormRequest } from '../api/api-client';
import { DefinitionEditor } from './DefinitionEditor';
import { NameFields } from './NameFields';
import { SaveFooter } from './SaveFooter';
import { useCheckedSave } from './use-checked-save';
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
  const set = (patch: Partial<CohortFormState>) => setState((s) => ({ ...s, ...patch }));

  const { problems, saving, error, submit } = useCheckedSave(
    () => cohortFormProblems(state),
    async () => {
      const base = `/api/projects/${projectId}/cohorts/`;
      let saved: CohortApi;
      if (!cohort && state.isStatic && file) saved = await apiFormRequest<CohortApi>('POST', base, staticCohortUpload(state, file, file.name));
      else if (!cohort) saved = await api.post<CohortApi>(base, cohortJsonBody(state, null));
      else saved = await api.patch<CohortApi>(`${base}${cohort.id}/`, cohortJsonBody(state, cohort));
      onSaved(saved);
    },
  );

  return (
    <form className="card stack ca-form" onSubmit={(e) => void submit(e)} noValidate>
      <NameFields name={state.name} description={state.description} onChange={set} nameInvalid={problems.includes('Give the cohort a name.')} />
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
      <SaveFooter problems={problems} error={error} saving={saving} what="cohort" isNew={!cohort} />
    </form>
  );
}
