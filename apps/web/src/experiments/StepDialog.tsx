import type { ReactNode } from 'react';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';

interface Props {
  title: string;
  /** What the step changes, said before it is taken. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
}

/** Asks before a step that changes what people see (launch, stop), with the step's own words on its button. */
export function StepDialog({ title, children, confirmLabel, onConfirm, onClose, pending, error }: Props) {
  return (
    <Dialog title={title} onClose={onClose} size="narrow">
      <div className="stack">
        <div>{children}</div>
        {error ? <ErrorNotice error={error} title="That did not work" /> : null}
        <div className="row dialog-actions">
          <button type="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button type="button" className="primary" disabled={pending} onClick={onConfirm}>
            {pending ? 'Working…' : confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
