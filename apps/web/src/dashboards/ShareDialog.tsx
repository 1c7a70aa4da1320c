import { Dialog } from '../components/Dialog';
import { PublicLinkSharing } from '../components/PublicLinkSharing';
import { useRotateSharing, useSetSharing, useSharing } from './dashboard-requests';

/**
 * Public sharing of a dashboard. Anyone with the link sees the dashboard's tiles and results (no users, nothing else
 * of the project); turning sharing off or resetting the link makes the old link stop working at once.
 */
export function ShareDialog({ projectId, dashboardId, onClose }: { projectId: number; dashboardId: number; onClose: () => void }) {
  return (
    <Dialog title="Share dashboard" onClose={onClose}>
      <PublicLinkSharing
        sharing={useSharing(projectId, dashboardId)}
        setSharing={useSetSharing(projectId, dashboardId)}
        rotate={useRotateSharing(projectId, dashboardId)}
        linkFor={(token) => `${window.location.origin}/shared/${token}`}
        switchText="anyone with the link can view this dashboard, without signing in"
        privateText="Only members of this project can see the dashboard."
      />
    </Dialog>
  );
}
