import type { ReactNode } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { DashboardDialog } from './DashboardDialog';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  pending?: boolean;
  error?: unknown;
}

/** "Are you sure?" for a destructive step, with the step's own words on the button. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, pending, error }: Props) {
  return (
    <DashboardDialog title={title} onClose={onClose}>
      <div className="stack">
        <div>{children}</div>
        {error != null && <ErrorNotice error={error} />}
        <div className="row">
          <button type="button" className="danger" onClick={onConfirm} disabled={pending}>
            {pending ? 'Working…' : confirmLabel}
          </button>
          <button type="button" onClick={onClose} autoFocus>
            Cancel
          </button>
        </div>
      </div>
    </DashboardDialog>
  );
}
