import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}

/**
 * A modal `<dialog>` opened with `showModal()`: the page behind is inert (so Tab stays inside), Escape closes it, and
 * focus returns to what opened it. The owner mounts it to open it and unmounts it in `onClose`.
 */
export function DashboardDialog({ title, onClose, children, wide }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const node = dialog.current;
    if (!node) return;
    const opener = document.activeElement as HTMLElement | null;
    node.showModal();
    const closed = () => closeRef.current();
    node.addEventListener('close', closed);
    return () => {
      node.removeEventListener('close', closed);
      if (node.open) node.close();
      opener?.focus?.();
    };
  }, []);

  return (
    <dialog ref={dialog} className={`dashboard-dialog${wide ? ' wide' : ''}`} aria-labelledby={titleId}>
      <header className="dashboard-dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => dialog.current?.close()}>
          ×
        </button>
      </header>
      <div className="dashboard-dialog-body">{children}</div>
    </dialog>
  );
}
