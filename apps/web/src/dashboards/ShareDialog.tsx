import { useState } from 'react';
import { CopyButton } from '../components/CopyButton';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { useRotateSharing, useSetSharing, useSharing } from './dashboard-requests';

/**
 * Public sharing of a dashboard: a switch, and while it is on the read-only link to copy. Anyone with the link sees
 * the dashboard's tiles and results (no users, nothing else of the project); turning sharing off or resetting the
 * link makes the old link stop working at once.
 */
export function ShareDialog({ projectId, dashboardId, onClose }: { projectId: number; dashboardId: number; onClose: () => void }) {
  const sharing = useSharing(projectId, dashboardId);
  const setSharing = useSetSharing(projectId, dashboardId);
  const rotate = useRotateSharing(projectId, dashboardId);
  const token = sharing.data?.access_token ?? null;
  const link = token ? `${window.location.origin}/shared/${token}` : null;
  // While the switch's change is on its way it shows what was asked for, from the click itself: the mutation's own
  // pending state arrives a tick later, and a controlled checkbox would be put back in between.
  const [asked, setAsked] = useState<boolean | null>(null);
  const enabled = asked ?? sharing.data?.enabled ?? false;
  const ask = (next: boolean) => {
    setAsked(next);
    setSharing.mutate(next, { onSettled: () => setAsked(null) });
  };

  return (
    <Dialog title="Share dashboard" onClose={onClose}>
      <div className="stack">
        {sharing.isPending && <Spinner label="Loading sharing" />}
        {sharing.isError && <ErrorNotice error={sharing.error} />}
        {sharing.data && (
          <>
            <label className="share-switch">
              <input type="checkbox" checked={enabled} disabled={asked !== null} onChange={(e) => ask(e.target.checked)} />
              <span>Share publicly: anyone with the link can view this dashboard, without signing in</span>
            </label>
            {enabled && link && (
              <>
                <label className="field">
                  <span>Public link</span>
                  <input readOnly value={link} onFocus={(e) => e.target.select()} />
                </label>
                <div className="row">
                  <CopyButton value={link} label="Copy link" text="Copy link" className="" />
                  <a href={link} target="_blank" rel="noopener noreferrer">
                    Open the shared view
                  </a>
                  <button type="button" className="small" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
                    Reset link
                  </button>
                </div>
                <p className="muted small">Reset link makes a new link; the old one stops working.</p>
              </>
            )}
            {!enabled && <p className="muted">Only members of this project can see the dashboard.</p>}
          </>
        )}
        {setSharing.isError && <ErrorNotice error={setSharing.error} title="Sharing was not changed" />}
        {rotate.isError && <ErrorNotice error={rotate.error} title="The link was not reset" />}
      </div>
    </Dialog>
  );
}
