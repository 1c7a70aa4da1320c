import { ErrorNotice } from '../components/ErrorNotice';

interface Props {
  /** What to fix before saving, from the form's own checks. */
  problems: string[];
  error: unknown;
  saving: boolean;
  /** "cohort", "action". */
  what: string;
  isNew: boolean;
}

/** The end of the cohort and action forms: what to fix, why the save failed, and the save button. */
export function SaveFooter({ problems, error, saving, what, isNew }: Props) {
  return (
    <>
      {problems.length > 0 && (
        <div role="alert" className="notice notice-error">
          <strong>Before saving:</strong>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} title={`The ${what} was not saved`} />}
      <div className="row">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : isNew ? `Create ${what}` : `Save ${what}`}
        </button>
      </div>
    </>
  );
}
