import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../api/api-client';
import { useCurrentUser, useResetSession } from '../api/current-user';
import { AuthFrame } from './AuthFrame';

/** Only same-site paths are followed after login, never another origin. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const reset = useResetSession();
  const user = useCurrentUser();
  const signup = useQuery({ queryKey: ['signup-status'], queryFn: () => api.get<{ open: boolean }>('/api/signup/status/') });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (signup.data?.open) return <Navigate to="/signup" replace />;
  if (user.data) return <Navigate to={safeNext(params.get('next'))} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/login/', { email, password });
      reset();
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame title="Log in to Warren">
      <form onSubmit={(e) => void submit(e)} className="stack">
        <label className="field">
          <span>Email</span>
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      {signup.data && !signup.data.open && <p className="muted">New here? Ask an admin of your organization for an invite.</p>}
      <p className="muted small">
        <Link to="/signup">Have an invite link? Open it to join.</Link>
      </p>
    </AuthFrame>
  );
}
