import { Dialog } from '../components/Dialog';
import { PublicLinkSharing } from '../components/PublicLinkSharing';
import { publicWebLink, useRotateWebSharing, useSetWebSharing, useWebSharing } from './web-sharing-requests';

/**
 * Public sharing of the web analytics page, as a dashboard's. Anyone with the link sees this project's web figures,
 * tables, map and goals for any range and filter the page offers, and nothing else; turning sharing off or resetting
 * the link makes the old link stop working at once.
 */
export function ShareWebDialog({ projectId, onClose }: { projectId: number; onClose: () => void }) {
  return (
    <Dialog title="Share web analytics" onClose={onClose}>
      <PublicLinkSharing
        sharing={useWebSharing(projectId)}
        setSharing={useSetWebSharing(projectId)}
        rotate={useRotateWebSharing(projectId)}
        linkFor={(token) => publicWebLink(window.location.origin, token)}
        switchText="anyone with the link can view this page's figures, without signing in"
        privateText="Only members of this project can see its web analytics."
      />
    </Dialog>
  );
}
