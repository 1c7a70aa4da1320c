import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PersonApi } from '@warren/shared/persons-api';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { apiRequest } from '../api/api-client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { personDeletePath, type DeletedPersonNotice } from './person-model';

/**
 * Asks before deleting a person, and whether their events go too. After the deletion the persons list opens with a
 * notice of what was done.
 */
export function DeletePersonDialog({ projectId, person, onClose }: { projectId: number; person: PersonApi; onClose: () => void }) {
  const [withEvents, setWithEvents] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();
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
    <ConfirmDialog
      title={`Delete ${person.name}?`}
      confirmLabel="Delete person"
      pendingLabel="Deleting…"
      pending={remove.isPending}
      error={remove.error}
      errorTitle="Could not delete the person"
      onConfirm={() => remove.mutate()}
      onClose={onClose}
    >
      <p>
        The person and their {person.distinct_ids.length === 1 ? 'distinct ID' : `${person.distinct_ids.length} distinct IDs`} are removed at once. This
        cannot be undone; events sent later with the same distinct ID make a new person.
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={withEvents} onChange={(e) => setWithEvents(e.target.checked)} />
        Also delete their events and recordings (done in the background)
      </label>
    </ConfirmDialog>
  );
}
