/**
 * An on/off switch (the ARIA switch pattern: a button with `aria-checked`), used as the kill switch in the list and
 * as the enabled toggle of the editor. Space and Enter flip it, as for any button.
 */
export function FlagSwitch({ checked, onChange, label, disabled }: { checked: boolean; onChange: (next: boolean) => void; label: string; disabled?: boolean }) {
  return (
    <button type="button" role="switch" className="flag-switch" aria-checked={checked} aria-label={label} disabled={disabled} onClick={() => onChange(!checked)}>
      <span className="track" aria-hidden="true" />
      <span className="state" aria-hidden="true">
        {checked ? 'Enabled' : 'Disabled'}
      </span>
    </button>
  );
}
