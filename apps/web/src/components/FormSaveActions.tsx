import { Link } from 'react-router';

interface Props {
  /** The submit button's words, e.g. `Create flag`; `Saving…` while `pending`. */
  submitLabel: string;
  pending: boolean;
  /** Where the way back leads, and its words. */
  backTo: string;
  backLabel: string;
  /** When the last save worked (null until then, and after the next edit). */
  savedAt: number | null;
}

/** The foot of an edit form: submit (busy while saving), the way back to the list, and "Saved." once a save worked. */
export function FormSaveActions({ submitLabel, pending, backTo, backLabel, savedAt }: Props) {
  return (
    <div className="row">
      <button type="submit" className="primary" disabled={pending}>
        {pending ? 'Saving…' : submitLabel}
      </button>
      <Link to={backTo}>{backLabel}</Link>
      {savedAt !== null && (
        <span role="status" className="muted">
          Saved.
        </span>
      )}
    </div>
  );
}
