import { useEffect, useId, useRef, type ReactNode } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Red confirm button, for what cannot be undone. */
  danger?: boolean;
  busy?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal question before a change that cannot be undone. The native `<dialog>` opened with `showModal()` keeps focus
 * inside, closes on Escape and returns focus to the button that opened it; Cancel has focus first, so Enter is safe.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, danger, busy, error, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {open && (
        <div className="stack">
          <h2 id={titleId}>{title}</h2>
          <div>{children}</div>
          {error ? <ErrorNotice error={error} title="That did not work" /> : null}
          <div className="row confirm-dialog-actions">
            <button type="button" onClick={onCancel} autoFocus>
              Cancel
            </button>
            <button type="button" className={danger ? 'danger' : 'primary'} disabled={busy} onClick={onConfirm}>
              {busy ? 'Working…' : confirmLabel}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
