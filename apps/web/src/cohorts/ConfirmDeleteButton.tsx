import { useId, useRef, useState } from 'react';
import { errorMessage } from '../api/api-client';
import './ca-widgets.css';

interface Props {
  /** What is deleted, e.g. `cohort “Paying customers”`. */
  what: string;
  /** Said under the question: what deleting changes. */
  consequence: string;
  onConfirm: () => Promise<unknown>;
}

/**
 * A Delete button that asks first, in a modal `<dialog>` (focus moves into it, Escape closes it, focus returns to the
 * button), and shows the error if the delete fails.
 */
export function ConfirmDeleteButton({ what, consequence, onConfirm }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      dialog.current?.close();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>
        Delete
      </button>
      <dialog ref={dialog} className="ca-dialog" aria-labelledby={titleId}>
        <h2 id={titleId}>Delete {what}?</h2>
        <p>{consequence}</p>
        {error !== null && (
          <p role="alert" className="error-text">
            {errorMessage(error)}
          </p>
        )}
        <div className="row ca-dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()} autoFocus>
            Cancel
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>
            {busy ? 'Deleting…' : 'Yes, delete'}
          </button>
        </div>
      </dialog>
    </>
  );
}
