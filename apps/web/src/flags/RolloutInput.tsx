/** A rollout percentage as a slider (quick) and a number box (exact, decimals allowed), kept in step. */
export function RolloutInput({ value, onChange, label, errorProps }: { value: number; onChange: (next: number) => void; label: string; errorProps?: object }) {
  const shown = Number.isFinite(value) ? value : '';
  return (
    <div className="rollout">
      <input type="range" min={0} max={100} step={1} value={Number.isFinite(value) ? value : 0} onChange={(e) => onChange(e.target.valueAsNumber)} aria-label={`${label} (slider)`} />
      <input type="number" min={0} max={100} step="any" value={shown} onChange={(e) => onChange(e.target.valueAsNumber)} aria-label={label} {...errorProps} />
      <span aria-hidden="true">%</span>
    </div>
  );
}
