import { ApiError } from '../api/api-client';
import { ErrorNotice } from './ErrorNotice';
import { PageHeader } from './PageHeader';

/** Why a public link's page shows nothing: the link is unknown or turned off (404), or the request failed. */
export function SharedLinkError({ error, what }: { error: unknown; what: string }) {
  if (error instanceof ApiError && error.status === 404) {
    return (
      <>
        <PageHeader title="Link not found" />
        <p>This link is not shared, or no longer. Ask whoever sent it for a new one.</p>
      </>
    );
  }
  return <ErrorNotice error={error} title={`The shared ${what} could not be loaded`} />;
}
