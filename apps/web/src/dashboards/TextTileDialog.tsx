import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextTileBody } from './TextTileBody';

interface Props {
  /** The text being edited; absent for a new text tile. */
  initial?: string;
  pending: boolean;
  error: unknown;
  onSave: (body: string) => void;
  onClose: () => void;
}

/** Server limit of a text tile's body (apps/server/src/dashboards/dashboard-input.ts). */
const MAX_TEXT = 4000;

/** Writes or edits a text tile, with a preview drawn exactly as the tile will draw it. */
export function TextTileDialog({ initial, pending, error, onSave, onClose }: Props) {
  const [body, setBody] = useState(initial ?? '');
  const hintId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(body);
  };
  return (
    <Dialog title={initial === undefined ? 'Add text' : 'Edit text'} onClose={onClose} size="wide">
      <form className="stack" onSubmit={submit}>
        <label className="field">
          <span>Text</span>
          <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={8} maxLength={MAX_TEXT} required data-autofocus aria-describedby={hintId} />
        </label>
        <p id={hintId} className="muted small">
          Markdown basics: # heading, - list item, **bold**, *italic*, `code`, [link](https://…). HTML is shown as text.
        </p>
        {body.trim() !== '' && (
          <section className="text-tile-preview" aria-label="Preview">
            <TextTileBody body={body} />
          </section>
        )}
        {error != null && <ErrorNotice error={error} title="The text was not saved" />}
        <div className="row">
          <button type="submit" className="primary" disabled={pending || body.trim() === ''}>
            {pending ? 'Saving…' : 'Save text'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
