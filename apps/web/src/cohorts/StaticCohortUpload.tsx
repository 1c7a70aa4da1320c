import { useState, type FormEvent } from 'react';
import type { CohortApi } from '@warren/shared/cohorts-api';
import { apiFormRequest } from '../api/api-client';
import { ErrorNotice } from '../components/ErrorNotice';
import { csvAddition } from './cohort-form-model';

/** Adds the persons of another CSV file to a static cohort. */
export function StaticCohortUpload({ projectId, cohort, onSaved }: { projectId: number; cohort: CohortApi; onSaved: (c: CohortApi) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [inputKey, setInputKey] = useState(0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await apiFormRequest<CohortApi>('PATCH', `/api/projects/${projectId}/cohorts/${cohort.id}/`, csvAddition(file, file.name)));
      setFile(null);
      setInputKey((k) => k + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card stack ca-upload" onSubmit={(e) => void submit(e)}>
      <h2 className="ca-card-title">Add persons from a CSV file</h2>
      <label className="field">
        <span>CSV file to add</span>
        <input key={inputKey} type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      {error !== null && <ErrorNotice error={error} title="The file was not added" />}
      <div>
        <button type="submit" disabled={!file || busy}>
          {busy ? 'Uploading…' : 'Add persons'}
        </button>
      </div>
    </form>
  );
}
