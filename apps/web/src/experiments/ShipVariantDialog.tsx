import { useId, useState } from 'react';
import type { ShipVariantWrite } from '@warren/shared/experiments-api';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';

interface Props {
  flagKey: string;
  variants: string[];
  /** Pre-selected: the variant the results favour, if any. */
  suggested: string | null;
  running: boolean;
  onShip: (body: ShipVariantWrite) => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
}

/** Makes the flag serve one variant to everyone it reaches, recording the conclusion (and stopping a running experiment). */
export function ShipVariantDialog({ flagKey, variants, suggested, running, onShip, onClose, pending, error }: Props) {
  const id = useId();
  const [variant, setVariant] = useState(suggested ?? variants[1] ?? variants[0] ?? '');
  const [comment, setComment] = useState('');
  const [everyone, setEveryone] = useState(false);
  const conclusion = variant === 'control' ? 'lost' : 'won';
  return (
    <Dialog title="Ship a variant" onClose={onClose}>
      <div className="stack">
        <p>
          The flag <strong className="mono">{flagKey}</strong> will serve the variant you pick to every person its release conditions reach
          {running ? ', and the experiment stops' : ''}.
        </p>
        <fieldset className="conclusions">
          <legend>Variant to ship</legend>
          {variants.map((key) => (
            <label key={key}>
              <input type="radio" name={`${id}-variant`} checked={variant === key} onChange={() => setVariant(key)} />
              <span className="mono">{key}</span>
              {key === suggested && <span className="badge badge-success">the results favour it</span>}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={everyone} onChange={(e) => setEveryone(e.target.checked)} />
          <span>Release to all users, not only those the flag's conditions reach</span>
        </label>
        <label className="field">
          <span>Comment</span>
          <textarea rows={2} value={comment} placeholder="Why this variant" onChange={(e) => setComment(e.target.value)} />
        </label>
        <p className="muted small">The experiment is concluded as “{conclusion === 'won' ? 'Won' : 'Lost'}”.</p>
        {error ? <ErrorNotice error={error} title="The variant was not shipped" /> : null}
        <div className="row dialog-actions">
          <button type="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={pending || variant === ''}
            onClick={() => onShip({ variant_key: variant, conclusion, conclusion_comment: comment.trim() || null, release_to_everyone: everyone })}
          >
            {pending ? 'Shipping…' : `Ship ${variant}`}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
