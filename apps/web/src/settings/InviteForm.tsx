import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import type { CreatedInviteApi } from '@warren/shared/members-api';
import { MEMBER, inviteLevels, inviteProblem, levelName } from './members-model';
import { useCreateInvite } from './members-queries';

/** Invite by email. Warren sends no email: the link is shown to copy and send by hand. */
export function InviteForm({ organizationId, ownLevel, onInvited }: { organizationId: string; ownLevel: number | null; onInvited: (invite: CreatedInviteApi) => void }) {
  const create = useCreateInvite(organizationId);
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const [level, setLevel] = useState(MEMBER);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const reason = inviteProblem(email);
    setProblem(reason);
    if (reason) return;
    create.mutate(
      { target_email: email.trim(), first_name: firstName.trim() || undefined, level },
      {
        onSuccess: (invite) => {
          setEmail('');
          setFirstName('');
          onInvited(invite);
        },
      },
    );
  }

  return (
    <form className="stack invite-form" onSubmit={submit} aria-labelledby="invite-title">
      <h3 id="invite-title">Invite someone</h3>
      <div className="row">
        <label className="field">
          <span>Email</span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span>First name (optional)</span>
          <input value={firstName} maxLength={128} onChange={(e) => setFirstName(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span>Level</span>
          <select value={level} onChange={(e) => setLevel(Number(e.target.value))}>
            {inviteLevels(ownLevel).map((l) => (
              <option key={l} value={l}>
                {levelName(l)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {problem && (
        <p role="alert" className="error-text">
          {problem}
        </p>
      )}
      {create.error ? <ErrorNotice error={create.error} title="The invite was not created" /> : null}
      <div>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Inviting…' : 'Create invite link'}
        </button>
      </div>
    </form>
  );
}
