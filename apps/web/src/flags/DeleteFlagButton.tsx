import { useRef } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { useDeleteFlag } from './flags-api';

/**
 * Delete, behind a confirmation (a modal `<dialog>`: focus moves into it, Escape cancels). The flag is soft-deleted
 * as in PostHog: SDKs stop getting it, its history stays.
 */
export function DeleteFlagButton({ projectId, flagId, flagKey, onDeleted }: { projectId: number; flagId: number; flagKey: string; onDeleted: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const remove = useDeleteFlag(projectId);
  return (
    <>
      <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>
        Delete
      </button>
      <dialog ref={dialog} className="flag-dialog" aria-labelledby="delete-flag-title" onClose={() => remove.reset()}>
        <h2 id="delete-flag-title">Delete feature flag {flagKey}?</h2>
        <p>Code asking for this flag will get false (or undefined) from now on. Its history is kept.</p>
        {remove.isError && <ErrorNotice error={remove.error} title="The flag was not deleted" />}
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <button type="button" autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="button"
            className="danger"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(flagId, {
                onSuccess: () => {
                  dialog.current?.close();
                  onDeleted();
                },
              })
            }
          >
            {remove.isPending ? 'Deleting…' : 'Delete flag'}
          </button>
        </div>
      </dialog>
    </>
  );
}
