import { errorMessage } from '../api/api-client';

interface MutationState {
  isPending: boolean;
  isSuccess: boolean;
  error: unknown;
}

/** What happened to the last save of one setting: saving, saved, or why not, announced to screen readers. */
export function SaveStatus({ mutation }: { mutation: MutationState }) {
  if (mutation.error) {
    return (
      <p role="alert" className="error-text small">
        Not saved: {errorMessage(mutation.error)}
      </p>
    );
  }
  return (
    <span role="status" className="save-status small">
      {mutation.isPending ? 'Saving…' : mutation.isSuccess ? '✓ Saved' : ''}
    </span>
  );
}
