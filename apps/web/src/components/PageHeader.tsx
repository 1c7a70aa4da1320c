import { useEffect, type ReactNode } from 'react';

/** The screen's title (also the document title) with its main actions on the right. */
export function PageHeader({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Warren`;
  }, [title]);
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {children && <div className="muted">{children}</div>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </header>
  );
}
