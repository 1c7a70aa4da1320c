import { useState } from 'react';
import type { PersonalApiKeyApi } from '@warren/shared/api-keys-api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { relativeTime } from '../components/relative-time';
import { describeScopes } from './api-key-scopes';
import { NewApiKeyForm } from './NewApiKeyForm';
import { NewKeySecret } from './NewKeySecret';
import { useDeletePersonalApiKey, usePersonalApiKeys, useRollPersonalApiKey } from './settings-queries';

const MAX_KEYS = 10;

type Pending = { action: 'roll' | 'delete'; key: PersonalApiKeyApi } | null;

/** The signed-in user's personal API keys: for scripts and tools using the REST API as this user. */
export function PersonalApiKeysSection({ projectId, projectName }: { projectId: number; projectName: string }) {
  const keys = usePersonalApiKeys();
  const roll = useRollPersonalApiKey();
  const remove = useDeletePersonalApiKey();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ key: PersonalApiKeyApi; rolled: boolean } | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const mutation = pending?.action === 'roll' ? roll : remove;

  function cancel() {
    roll.reset();
    remove.reset();
    setPending(null);
  }

  function confirm() {
    if (!pending) return;
    if (pending.action === 'roll') {
      roll.mutate(pending.key.id, {
        onSuccess: (key) => {
          setPending(null);
          setShown({ key, rolled: true });
        },
      });
    } else {
      remove.mutate(pending.key.id, {
        onSuccess: () => {
          setPending(null);
          if (shown?.key.id === pending.key.id) setShown(null);
        },
      });
    }
  }

  const count = keys.data?.length ?? 0;
  return (
    <section className="settings-section card" aria-labelledby="personal-api-keys-title">
      <h2 id="personal-api-keys-title">Personal API keys</h2>
      <p className="muted">
        A personal API key acts as you on the REST API (<code>/api/…</code>) from scripts and tools, limited to the scopes you give it. Keep it secret.
      </p>
      {shown && <NewKeySecret apiKey={shown.key} rolled={shown.rolled} onDone={() => setShown(null)} />}
      {keys.isPending && <Spinner label="Loading keys" />}
      {keys.error && <ErrorNotice error={keys.error} title="Could not load your keys" />}
      {keys.data && keys.data.length === 0 && !creating && <p>You have no personal API keys yet.</p>}
      {keys.data && keys.data.length > 0 && (
        <table className="data api-keys">
          <caption className="visually-hidden">Your personal API keys</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Key</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((key) => (
              <tr key={key.id}>
                <th scope="row">{key.label}</th>
                <td className="mono">{key.mask_value}</td>
                <td title={key.scopes.join(', ')}>
                  {describeScopes(key.scopes)}
                  {key.scoped_teams && key.scoped_teams.length > 0 && <div className="muted small">Projects {key.scoped_teams.join(', ')} only</div>}
                </td>
                <td title={new Date(key.created_at).toLocaleString()}>{relativeTime(key.created_at)}</td>
                <td title={key.last_used_at ? new Date(key.last_used_at).toLocaleString() : undefined}>{key.last_used_at ? relativeTime(key.last_used_at) : 'Never'}</td>
                <td className="row">
                  <button type="button" className="small" onClick={() => setPending({ action: 'roll', key })} aria-label={`Roll key ${key.label}`}>
                    Roll
                  </button>
                  <button type="button" className="small danger" onClick={() => setPending({ action: 'delete', key })} aria-label={`Delete key ${key.label}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating ? (
        <NewApiKeyForm
          projectId={projectId}
          projectName={projectName}
          onCancel={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setShown({ key, rolled: false });
          }}
        />
      ) : (
        <div className="row">
          <button type="button" className="primary" disabled={count >= MAX_KEYS} onClick={() => setCreating(true)}>
            Create personal API key
          </button>
          {count >= MAX_KEYS && <span className="muted small">You have {MAX_KEYS} keys, the most allowed: delete one first.</span>}
        </div>
      )}
      {pending && (
        <ConfirmDialog
          title={pending.action === 'roll' ? `Roll key “${pending.key.label}”?` : `Delete key “${pending.key.label}”?`}
          confirmLabel={pending.action === 'roll' ? 'Roll key' : 'Delete key'}
          pending={mutation.isPending}
          error={mutation.error}
          onClose={cancel}
          onConfirm={confirm}
        >
          <p>
            {pending.action === 'roll'
              ? 'The key gets a new value, shown once. Anything using the current value stops working until it is given the new one.'
              : 'Anything using this key stops working at once. This cannot be undone.'}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
