import { useState } from 'react';
import { ShareWebDialog } from './ShareWebDialog';

/** Opens the page's public-link settings. */
export function ShareWebButton({ projectId }: { projectId: number }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="small" onClick={() => setOpen(true)}>
        Share
      </button>
      {open && <ShareWebDialog projectId={projectId} onClose={() => setOpen(false)} />}
    </>
  );
}
