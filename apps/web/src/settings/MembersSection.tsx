import { useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { relativeTime } from '../components/relative-time';
import { CopyButton } from '../components/CopyButton';
import { InviteForm } from './InviteForm';
import type { CreatedInviteApi, InviteApi } from '@warren/shared/members-api';
import { levelName, mayInvite } from './members-model';
import { useDeleteInvite, useInvites, useMembers } from './members-queries';

const PAGE = 50;

/** The organization's members, its open invites, and (for admins) a way to invite someone by a link. */
export function MembersSection({ organizationId, ownLevel }: { organizationId: string; ownLevel: number | null }) {
  const [limit, setLimit] = useState(PAGE);
  const members = useMembers(organizationId, limit);
  const invites = useInvites(organizationId);
  const withdraw = useDeleteInvite(organizationId);
  const [created, setCreated] = useState<CreatedInviteApi | null>(null);
  const [withdrawing, setWithdrawing] = useState<InviteApi | null>(null);
  const admin = mayInvite(ownLevel);

  return (
    <section className="settings-section card" aria-labelledby="members-title">
      <h2 id="members-title">Organization members</h2>
      {members.isPending && <Spinner label="Loading members" />}
      {members.error && <ErrorNotice error={members.error} title="Could not load the members" />}
      {members.data && (
        <table className="data">
          <caption className="visually-hidden">Members of this organization</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Level</th>
              <th scope="col">Joined</th>
            </tr>
          </thead>
          <tbody>
            {members.data.results.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.user.first_name || '—'}</th>
                <td>{m.user.email}</td>
                <td>{levelName(m.level)}</td>
                <td title={new Date(m.joined_at).toLocaleString()}>{relativeTime(m.joined_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {members.data?.count !== undefined && members.data.count > members.data.results.length && (
        <button type="button" className="small" onClick={() => setLimit((l) => l + PAGE)} disabled={members.isFetching}>
          Show more ({members.data.count - members.data.results.length} not shown)
        </button>
      )}

      {created && (
        <div className="notice notice-success stack" role="status">
          <strong>Invite link for {created.target_email}</strong>
          <p>Send this link to them yourself (Warren sends no email). It is shown only now.</p>
          <div className="row">
            <input className="mono secret-value" readOnly value={created.invite_url} aria-label="Invite link" onFocus={(e) => e.target.select()} />
            <CopyButton value={created.invite_url} label="Copy the invite link" />
            <button type="button" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      )}

      {invites.data && invites.data.results.length > 0 && (
        <>
          <h3>Open invites</h3>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Level</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invites.data.results.map((invite) => (
                <tr key={invite.id}>
                  <th scope="row">
                    {invite.target_email} {invite.is_expired && <span className="badge badge-danger">expired</span>}
                  </th>
                  <td>{levelName(invite.level)}</td>
                  <td>{relativeTime(invite.created_at)}</td>
                  <td>
                    {admin && (
                      <button type="button" className="small danger" aria-label={`Withdraw invite for ${invite.target_email}`} onClick={() => setWithdrawing(invite)}>
                        Withdraw
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {invites.error && <ErrorNotice error={invites.error} title="Could not load the invites" />}

      {admin ? (
        <InviteForm organizationId={organizationId} ownLevel={ownLevel} onInvited={setCreated} />
      ) : (
        <p className="muted">Only admins and owners of the organization can invite people.</p>
      )}

      {withdrawing && (
        <ConfirmDialog
          title={`Withdraw the invite for ${withdrawing.target_email}?`}
          confirmLabel="Withdraw invite"
          pending={withdraw.isPending}
          error={withdraw.error}
          onClose={() => {
            withdraw.reset();
            setWithdrawing(null);
          }}
          onConfirm={() => withdraw.mutate(withdrawing.id, { onSuccess: () => setWithdrawing(null) })}
        >
          <p>The link stops working; nobody can join with it any more.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
