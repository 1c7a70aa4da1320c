import { CopyButton } from '../components/CopyButton';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { publicWebLink, useRotateWebSharing, useSetWebSharing, useWebSharing } from './web-sharing-requests';

/**
 * Public sharing of the web analytics page, as a dashboard's: a switch, and while it is on the read-only link to
 * copy. Anyone with the link sees this project's web figures, tables, map and goals for any range and filter the page
 * offers, and nothing else; turning sharing off or resetting the link makes the old link stop working at once.
 */
export function ShareWebDialog({ projectId, onClose }: { projectId: number; onClose: () => void }) {
  const sharing = useWebSharing(projectId);
  const setSharing = useSetWebSharing(projectId);
  const rotate = useRotateWebSharing(projectId);
  const token = sharing.data?.access_token ?? null;
  const link = token ? publicWebLink(window.location.origin, token) : null;
  // While the switch's change is on its way, it shows what was asked for.
  const enabled = setSharing.isPending ? setSharing.variables : (sharing.data?.enabled ?? false);

  return (
    <Dialog title="Share web analytics" onClose={onClose}>
      <div className="stack">
        {sharing.isPending && <Spinner label="Loading sharing" />}
        {sharing.isError && <ErrorNotice error={sharing.error} />}
        {sharing.data && (
          <>
            <label className="web-share-switch">
              <input type="checkbox" checked={enabled} disabled={setSharing.isPending} onChange={(e) => setSharing.mutate(e.target.checked)} />
              <span>Share publicly: anyone with the link can view this page's figures, without signing in</span>
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
            {!enabled && <p className="muted">Only members of this project can see its web analytics.</p>}
          </>
        )}
        {setSharing.isError && <ErrorNotice error={setSharing.error} title="Sharing was not changed" />}
        {rotate.isError && <ErrorNotice error={rotate.error} title="The link was not reset" />}
      </div>
    </Dialog>
  );
}
