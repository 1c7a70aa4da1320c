import type { ReactNode } from 'react';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  /** The question, e.g. "Delete key “CI”?". */
  title: string;
  /** What the step changes, said before it is taken. */
  children: ReactNode;
  /** The step's own words on the red button ("Delete key", "Withdraw invite"). */
  confirmLabel: string;
  /** On the button while the step runs. */
  pendingLabel?: string;
  onConfirm: () => void;
  onClose: () => void;
  pending?: boolean;
  error?: unknown;
  errorTitle?: string;
}

/**
 * "Are you sure?" before a step that cannot be undone, open while mounted. Cancel has the focus first, so Enter and
 * Escape are both safe.
 */
export function ConfirmDialog({ title, children, confirmLabel, pendingLabel = 'Working…', onConfirm, onClose, pending, error, errorTitle = 'That did not work' }: Props) {
  return (
    <Dialog title={title} onClose={onClose} size="narrow">
      <div className="stack">
        <div>{children}</div>
        {error ? <ErrorNotice error={error} title={errorTitle} /> : null}
        <div className="row dialog-actions">
          <button type="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button type="button" className="danger" disabled={pending} onClick={onConfirm}>
            {pending ? pendingLabel : confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
