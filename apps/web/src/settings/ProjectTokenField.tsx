import { useState } from 'react';
import type { ProjectApi } from '@warren/shared/projects-api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CopyButton } from '../components/CopyButton';
import { SaveStatus } from './SaveStatus';
import { useResetProjectToken } from './settings-queries';

/** The project API token (public: it ships in every web page with the snippet) and a way to replace it. */
export function ProjectTokenField({ project }: { project: ProjectApi }) {
  const reset = useResetProjectToken(project.id);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="setting">
      <span className="field-label">
        Project API token
      </span>
      <p className="muted small">Used by the snippet and the SDKs to send events to this project. It is not a secret.</p>
      <div className="row">
        <code className="token">
          {project.api_token}
        </code>
        <CopyButton value={project.api_token} label="Copy project API token" />
        <button type="button" className="danger small" onClick={() => setConfirming(true)}>
          Reset token
        </button>
        {!confirming && <SaveStatus mutation={reset} />}
      </div>
      {confirming && (
        <ConfirmDialog
          title="Reset the project API token?"
          confirmLabel="Reset token"
          pending={reset.isPending}
          error={reset.error}
          onClose={() => {
            reset.reset();
            setConfirming(false);
          }}
          onConfirm={() => reset.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        >
          <p>
            Events sent with the current token (<code>{project.api_token}</code>) will be refused from now on. Every website and server sending events
            to this project must be updated with the new token.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
