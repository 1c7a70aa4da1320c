interface Props {
  name: string;
  description: string;
  onChange: (patch: { name?: string; description?: string }) => void;
  /** The name is missing (a problem the form listed). */
  nameInvalid: boolean;
}

/** The name and description every cohort and action has. */
export function NameFields({ name, description, onChange, nameInvalid }: Props) {
  return (
    <>
      <label className="field">
        <span>Name</span>
        <input value={name} onChange={(e) => onChange({ name: e.target.value })} required aria-invalid={nameInvalid} />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea className="ca-description" rows={2} value={description} onChange={(e) => onChange({ description: e.target.value })} />
      </label>
    </>
  );
}
