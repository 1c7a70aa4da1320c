import { formatNumber } from '../../result/result-text';
import { percentChange } from './trends-model';

export interface BoldNumberItem {
  label: string;
  value: number;
  previous?: number;
  onShowActors?: () => void;
}

/** PostHog's "Number" display: each series' value over the whole range, with the change from the previous period. */
export function BoldNumber({ items, compact }: { items: BoldNumberItem[]; compact?: boolean }) {
  return (
    <div className={`bold-numbers${compact ? ' compact' : ''}`}>
      {items.map((item, i) => {
        const change = item.previous === undefined ? null : percentChange(item.value, item.previous);
        const text = formatNumber(item.value);
        return (
          <figure key={i} className="bold-number">
            {item.onShowActors ? (
              <button type="button" className="bold-number-value link-button" aria-label={`${text}, ${item.label}: show persons`} onClick={item.onShowActors}>
                {text}
              </button>
            ) : (
              <span className="bold-number-value">{text}</span>
            )}
            <figcaption>
              {item.label}
              {item.previous !== undefined && (
                <span className="muted small">
                  {' '}
                  {change === null ? `previous period ${formatNumber(item.previous)}` : `${change >= 0 ? '▲' : '▼'} ${formatNumber(Math.abs(change))}% from ${formatNumber(item.previous)}`}
                </span>
              )}
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
