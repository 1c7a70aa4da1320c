import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PersonApi } from '@warren/shared/persons-api';
import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { apiRequest } from '../api/api-client';
import { ErrorNotice } from '../components/ErrorNotice';
import { personDeletePath, type DeletedPersonNotice } from './person-model';

/**
 * Asks before deleting a person, and whether their events go too. A modal `<dialog>`: the browser keeps focus inside
 * it and Escape closes it. After the deletion the persons list opens with a notice of what was done.
 */
export function DeletePersonDialog({ projectId, person, onClose }: { projectId: number; person: PersonApi; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [withEvents, setWithEvents] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const remove = useMutation({
    mutationFn: () => apiRequest<null>('DELETE', personDeletePath(projectId, person.uuid, withEvents)),
    onSuccess: () => {
      // Dropped rather than refetched: a refetch would ask for the deleted person while this page is still up.
      client.removeQueries({ queryKey: ['persons', projectId] });
      client.removeQueries({ queryKey: ['events', projectId] });
      const deleted: DeletedPersonNotice = { name: person.name, withEvents };
      navigate(`/project/${projectId}/persons`, { state: { deleted } });
    },
  });
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          remove.mutate();
        }}
      >
        <h2 id={titleId}>Delete {person.name}?</h2>
        <p>
          The person and their {person.distinct_ids.length === 1 ? 'distinct ID' : `${person.distinct_ids.length} distinct IDs`} are removed at once. This
          cannot be undone; events sent later with the same distinct ID make a new person.
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={withEvents} onChange={(e) => setWithEvents(e.target.checked)} />
          Also delete their events and recordings (done in the background)
        </label>
        {remove.error && <ErrorNotice error={remove.error} title="Could not delete the person" />}
        <div className="row dialog-actions">
          <button type="button" onClick={() => ref.current?.close()} disabled={remove.isPending}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={remove.isPending}>
            {remove.isPending ? 'Deleting…' : 'Delete person'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
