import type { ReactNode } from 'react';

export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth-frame">
      <div className="auth-card">
        <div className="brand">Warren</div>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
