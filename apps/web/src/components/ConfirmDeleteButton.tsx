import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from './ConfirmDialog';

interface Props {
  /** The question, e.g. `Delete cohort “Paying customers”?`. */
  title: string;
  /** Said under the question: what deleting changes. */
  children: ReactNode;
  /** On the red button in the dialog. */
  confirmLabel: string;
  errorTitle?: string;
  /** Deletes; a rejection is shown in the dialog, which stays open. */
  onDelete: () => Promise<unknown>;
}

/** A Delete button that asks first, in a confirmation dialog, and shows the error there if the delete fails. */
export function ConfirmDeleteButton({ title, children, confirmLabel, errorTitle = 'It was not deleted', onDelete }: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setOpen(false);
    setError(null);
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onDelete();
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        Delete
      </button>
      {open && (
        <ConfirmDialog
          title={title}
          confirmLabel={confirmLabel}
          pendingLabel="Deleting…"
          pending={busy}
          error={error}
          errorTitle={errorTitle}
          onConfirm={() => void confirm()}
          onClose={close}
        >
          {children}
        </ConfirmDialog>
      )}
    </>
  );
}
