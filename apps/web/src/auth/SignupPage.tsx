import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../api/api-client';
import { useResetSession } from '../api/current-user';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { AuthFrame } from './AuthFrame';

interface InviteInfo {
  target_email: string;
  organization_name: string;
}

/**
 * Two ways in without an account: the first owner of a fresh install (open until someone has a password), and a
 * person holding an invite link (`/signup/:inviteToken`), who joins the inviting organization.
 */
export function SignupPage() {
  const { inviteToken } = useParams();
  const navigate = useNavigate();
  const reset = useResetSession();
  const status = useQuery({ queryKey: ['signup-status'], queryFn: () => api.get<{ open: boolean }>('/api/signup/status/'), enabled: !inviteToken });
  const invite = useQuery({
    queryKey: ['invite', inviteToken],
    queryFn: () => api.get<InviteInfo>(`/api/signup/${encodeURIComponent(inviteToken!)}/`),
    enabled: Boolean(inviteToken),
  });
  const [firstName, setFirstName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [organizationName, setOrganizationName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (inviteToken ? invite.isPending : status.isPending) return <Spinner label="Loading" />;
  if (inviteToken && invite.isError) return <AuthFrame title="Invite not valid"><ErrorNotice error={invite.error} /></AuthFrame>;
  if (!inviteToken && status.data && !status.data.open) {
    return (
      <AuthFrame title="Sign-up is closed">
        <p>This Warren already has an owner. Ask an admin for an invite link, or <Link to="/login">log in</Link>.</p>
      </AuthFrame>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (inviteToken) await api.post(`/api/signup/${encodeURIComponent(inviteToken)}/`, { first_name: firstName, password });
      else await api.post('/api/signup/', { first_name: firstName, email, password, organization_name: organizationName || undefined });
      reset();
      navigate('/', { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame title={inviteToken ? `Join ${invite.data?.organization_name ?? 'your team'} on Warren` : 'Create the owner account'}>
      {!inviteToken && <p className="muted">This is a fresh Warren. The first account owns its organization and project.</p>}
      <form onSubmit={(e) => void submit(e)} className="stack">
        <label className="field">
          <span>First name</span>
          <input required autoComplete="given-name" value={firstName} onChange={(e) => setFirstName(e.target.value)} autoFocus />
        </label>
        {inviteToken ? (
          <p className="muted">Email: {invite.data?.target_email}</p>
        ) : (
          <label className="field">
            <span>Email</span>
            <input type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
        )}
        <label className="field">
          <span>Password</span>
          <input type="password" required minLength={8} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {!inviteToken && (
          <label className="field">
            <span>Organization name (optional)</span>
            <input value={organizationName} onChange={(e) => setOrganizationName(e.target.value)} />
          </label>
        )}
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </button>
      </form>
    </AuthFrame>
  );
}
