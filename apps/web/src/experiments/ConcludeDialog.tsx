import { useId, useState } from 'react';
import { EXPERIMENT_CONCLUSIONS, type ExperimentConclusion } from '@warren/shared/experiments-api';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { CONCLUSION_LABELS } from './experiment-list-filter';

const HINTS: Record<ExperimentConclusion, string> = {
  won: 'A variant did better than control.',
  lost: 'No variant beat control; keep what you had.',
  inconclusive: 'Ran its course without a clear difference.',
  stopped_early: 'Ended before it had enough data.',
  invalid: 'Something was wrong with the set-up or the data (e.g. a sample ratio mismatch).',
};

interface Props {
  /** Also stops the experiment when it is still running. */
  running: boolean;
  onConclude: (conclusion: ExperimentConclusion, comment: string) => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
}

/** Records how the experiment ended (won, lost, inconclusive, stopped early, invalid) and why, in a comment. */
export function ConcludeDialog({ running, onConclude, onClose, pending, error }: Props) {
  const id = useId();
  const [conclusion, setConclusion] = useState<ExperimentConclusion>('won');
  const [comment, setComment] = useState('');
  return (
    <Dialog title="Conclude the experiment" onClose={onClose}>
      <div className="stack">
        <fieldset className="conclusions">
          <legend>Conclusion</legend>
          {EXPERIMENT_CONCLUSIONS.map((value) => (
            <label key={value}>
              <input type="radio" name={`${id}-conclusion`} checked={conclusion === value} onChange={() => setConclusion(value)} />
              <span>
                {CONCLUSION_LABELS[value]} <span className="muted small">— {HINTS[value]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>Comment</span>
          <textarea rows={3} value={comment} placeholder="What you learned, and what happens next" onChange={(e) => setComment(e.target.value)} />
        </label>
        {running && <p className="muted small">Concluding also stops the experiment: results stop at this moment.</p>}
        {error ? <ErrorNotice error={error} title="The conclusion was not saved" /> : null}
        <div className="row dialog-actions">
          <button type="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button type="button" className="primary" disabled={pending} onClick={() => onConclude(conclusion, comment.trim())}>
            {pending ? 'Saving…' : 'Conclude'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
