import { errorMessage } from '../api/api-client';

/** A failed request or render, said plainly, announced to screen readers. */
export function ErrorNotice({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  return (
    <div role="alert" className="notice notice-error">
      <strong>{title}</strong>
      <p>{errorMessage(error)}</p>
    </div>
  );
}
