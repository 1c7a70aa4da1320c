import { useId, useState } from 'react';
import { errorMessage } from '../api/api-client';
import { FieldError, invalidProps } from '../flags/FieldError';
import { useCreateHoldout, useHoldouts } from './experiments-api';
import { holdoutLabel, newHoldoutBody, newHoldoutErrors } from './holdout-model';

interface Props {
  projectId: number;
  holdoutId: number | null;
  onChange: (holdoutId: number | null) => void;
  error: string | undefined;
}

/** Picks the holdout the experiment uses (a share of people kept out of every experiment using it), or makes one. */
export function HoldoutPicker({ projectId, holdoutId, onChange, error }: Props) {
  const id = useId();
  const holdouts = useHoldouts(projectId);
  const create = useCreateHoldout(projectId);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [share, setShare] = useState('10');
  const [attempted, setAttempted] = useState(false);
  const errors = attempted ? newHoldoutErrors(name, Number(share)) : {};
  const all = holdouts.data?.results ?? [];

  function submit() {
    setAttempted(true);
    if (Object.keys(newHoldoutErrors(name, Number(share))).length > 0) return;
    create.mutate(newHoldoutBody(name, Number(share)), {
      onSuccess: (holdout) => {
        onChange(holdout.id);
        setCreating(false);
        setAttempted(false);
        setName('');
      },
    });
  }

  return (
    <div className="stack">
      <label className="field">
        <span>Holdout</span>
        <select value={holdoutId ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} {...invalidProps(`${id}-error`, error)}>
          <option value="">No holdout</option>
          {all.map((h) => (
            <option key={h.id} value={h.id}>
              {holdoutLabel(h)}
            </option>
          ))}
        </select>
      </label>
      <FieldError id={`${id}-error`} message={error} />
      <p className="muted small" style={{ margin: 0 }}>
        People in a holdout get none of the variants of any experiment using it (the flag answers <span className="mono">holdout-N</span>), so you can
        measure the experiments together against people who saw none of them. Their figures are shown beside the results.
      </p>
      {!creating ? (
        <div>
          <button type="button" className="small" onClick={() => setCreating(true)}>
            New holdout…
          </button>
        </div>
      ) : (
        <div className="row" role="group" aria-label="New holdout">
          <label className="field">
            <span>Holdout name</span>
            <input type="text" value={name} placeholder="e.g. Q4 holdout" onChange={(e) => setName(e.target.value)} {...invalidProps(`${id}-name-error`, errors.name)} />
            <FieldError id={`${id}-name-error`} message={errors.name} />
          </label>
          <label className="field">
            <span>Share held out (%)</span>
            <input type="number" min={0} max={100} step="any" value={share} onChange={(e) => setShare(e.target.value)} {...invalidProps(`${id}-share-error`, errors.share)} />
            <FieldError id={`${id}-share-error`} message={errors.share} />
          </label>
          <button type="button" onClick={submit} disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create holdout'}
          </button>
          <button type="button" className="small" onClick={() => setCreating(false)}>
            Cancel
          </button>
          {create.isError && (
            <p role="alert" className="field-error">
              {errorMessage(create.error)}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
