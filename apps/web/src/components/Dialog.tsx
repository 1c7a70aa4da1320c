import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  title: string;
  /** Called when the dialog closes by itself (Escape, the × button); the owner then unmounts it. */
  onClose: () => void;
  children: ReactNode;
  /** `narrow` for a question, `wide` for a list or an editor; the default suits a short form. */
  size?: 'narrow' | 'wide';
  /** Extra class on the dialog (its width, for a dialog of its own shape). */
  className?: string;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal `<dialog>`, open while mounted: the page behind is inert, Escape closes it, Tab and Shift+Tab cycle inside
 * it, and focus goes back to what opened it when it closes. The element marked `data-autofocus` gets the focus first
 * (React's `autoFocus` fires while the dialog is still closed, so it cannot); otherwise the first control does.
 */
export function Dialog({ title, onClose, children, size, className }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const node = dialog.current;
    if (!node) return;
    const opener = document.activeElement as HTMLElement | null;
    node.showModal();
    node.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    // The native close (Escape, the × button) tells the owner, which unmounts us.
    const closed = () => closeRef.current();
    node.addEventListener('close', closed);
    return () => {
      node.removeEventListener('close', closed);
      if (node.open) node.close();
      opener?.focus?.();
    };
  }, []);

  // A modal dialog makes the page inert, but Tab can still leave for the browser's own controls: keep it inside.
  const keepFocusInside = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const classes = ['dialog', size ? `dialog-${size}` : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <dialog ref={dialog} className={classes} aria-labelledby={titleId} onKeyDown={keepFocusInside}>
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => dialog.current?.close()}>
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
