interface Props {
  /** The visible label, e.g. "Search cohorts". */
  label: string;
  value: string;
  placeholder?: string;
  onChange: (value: string) => void;
  className?: string;
}

/** The search box above a list. */
export function SearchField({ label, value, placeholder, onChange, className }: Props) {
  return (
    <label className={`field search-field${className ? ` ${className}` : ''}`}>
      <span>{label}</span>
      <input type="search" value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
