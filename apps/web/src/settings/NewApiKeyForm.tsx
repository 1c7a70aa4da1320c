import { useState, type FormEvent } from 'react';
import type { PersonalApiKeyApi } from '@warren/shared/api-keys-api';
import { ErrorNotice } from '../components/ErrorNotice';
import { newKeyProblem, scopesOf, type ScopeChoice } from './api-key-scopes';
import { ScopePicker } from './ScopePicker';
import { useCreatePersonalApiKey } from './settings-queries';

interface Props {
  projectId: number;
  projectName: string;
  onCreated: (key: PersonalApiKeyApi) => void;
  onCancel: () => void;
}

export function NewApiKeyForm({ projectId, projectName, onCreated, onCancel }: Props) {
  const create = useCreatePersonalApiKey();
  const [label, setLabel] = useState('');
  const [choice, setChoice] = useState<ScopeChoice>({ all: true, levels: {} });
  const [onlyThisProject, setOnlyThisProject] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const reason = newKeyProblem(label, choice);
    setProblem(reason);
    if (reason) return;
    create.mutate(
      { label: label.trim(), scopes: scopesOf(choice), scoped_teams: onlyThisProject ? [projectId] : null },
      { onSuccess: (key) => onCreated(key) },
    );
  }

  return (
    <form className="card stack new-key-form" onSubmit={submit} aria-labelledby="new-key-title">
      <h3 id="new-key-title">Create a personal API key</h3>
      <label className="field">
        <span>Label</span>
        <input value={label} maxLength={40} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. CI export job" autoFocus />
      </label>
      <ScopePicker value={choice} onChange={setChoice} />
      <label className="row">
        <input type="checkbox" checked={onlyThisProject} onChange={(e) => setOnlyThisProject(e.target.checked)} />
        Only for this project ({projectName})
      </label>
      {problem && (
        <p role="alert" className="error-text">
          {problem}
        </p>
      )}
      {create.error ? <ErrorNotice error={create.error} title="The key was not created" /> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
