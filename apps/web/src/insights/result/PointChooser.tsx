import { formatNumber } from './result-text';

export interface PointChoice {
  label: string;
  value: number;
  /** Which row (series, breakdown value, status…) the choice opens. */
  rowIndex: number;
}

interface Props {
  /** The clicked interval, e.g. "3-May-2024". */
  when: string;
  choices: PointChoice[];
  onChoose: (rowIndex: number) => void;
  onDismiss: () => void;
}

/**
 * A clicked interval crosses every series; this asks whose persons to list. Shown under the chart, in reach of the
 * keyboard (focus moves to it).
 */
export function PointChooser({ when, choices, onChoose, onDismiss }: Props) {
  return (
    <div className="point-chooser card" role="group" aria-label={`Persons on ${when}`}>
      <div className="row">
        <strong>Show persons on {when}:</strong>
        {choices.length === 0 && <span className="muted">nobody was counted here.</span>}
        {choices.map((c, i) => (
          <button key={c.rowIndex} type="button" className="small" autoFocus={i === 0} onClick={() => onChoose(c.rowIndex)}>
            {c.label} ({formatNumber(c.value)})
          </button>
        ))}
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      </div>
    </div>
  );
}
