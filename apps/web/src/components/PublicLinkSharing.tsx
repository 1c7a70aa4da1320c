import { useState } from 'react';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import type { SharingConfigurationApi } from '@warren/shared/dashboards-api';
import { CopyButton } from './CopyButton';
import { ErrorNotice } from './ErrorNotice';
import { Spinner } from './Spinner';

interface Props {
  sharing: UseQueryResult<SharingConfigurationApi>;
  setSharing: UseMutationResult<SharingConfigurationApi, Error, boolean>;
  rotate: UseMutationResult<SharingConfigurationApi, Error, void>;
  /** The public address of a token, e.g. `${origin}/shared/${token}`. */
  linkFor: (token: string) => string;
  /** What the switch turns on, e.g. "anyone with the link can view this dashboard, without signing in". */
  switchText: string;
  /** Said while sharing is off, e.g. "Only members of this project can see the dashboard." */
  privateText: string;
}

/**
 * A public read-only link's controls: the switch, and while it is on the link to copy or open and a reset that makes
 * the old link stop working. The switch shows the click at once: the mutation's own pending state arrives a tick
 * later, and a controlled checkbox would be put back in between.
 */
export function PublicLinkSharing({ sharing, setSharing, rotate, linkFor, switchText, privateText }: Props) {
  const [asked, setAsked] = useState<boolean | null>(null);
  const enabled = asked ?? sharing.data?.enabled ?? false;
  const token = sharing.data?.access_token ?? null;
  const link = token ? linkFor(token) : null;
  const ask = (next: boolean) => {
    setAsked(next);
    setSharing.mutate(next, { onSettled: () => setAsked(null) });
  };
  return (
    <div className="stack">
      {sharing.isPending && <Spinner label="Loading sharing" />}
      {sharing.isError && <ErrorNotice error={sharing.error} />}
      {sharing.data && (
        <>
          <label className="share-switch">
            <input type="checkbox" checked={enabled} disabled={asked !== null} onChange={(e) => ask(e.target.checked)} />
            <span>Share publicly: {switchText}</span>
          </label>
          {enabled && link && (
            <>
              <label className="field">
                <span>Public link</span>
                <input readOnly value={link} onFocus={(e) => e.target.select()} />
              </label>
              <div className="row">
                <CopyButton value={link} label="Copy link" text="Copy link" className="" />
                <a href={link} target="_blank" rel="noopener noreferrer">
                  Open the shared view
                </a>
                <button type="button" className="small" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
                  Reset link
                </button>
              </div>
              <p className="muted small">Reset link makes a new link; the old one stops working.</p>
            </>
          )}
          {!enabled && <p className="muted">{privateText}</p>}
        </>
      )}
      {setSharing.isError && <ErrorNotice error={setSharing.error} title="Sharing was not changed" />}
      {rotate.isError && <ErrorNotice error={rotate.error} title="The link was not reset" />}
    </div>
  );
}
