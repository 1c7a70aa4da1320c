import type { DashboardTileApi } from '@warren/shared/dashboards-api';
import { useRef } from 'react';
import { Link } from 'react-router';
import { InsightTileBody } from './InsightTileBody';
import { insightTitle } from './tile-content';
import type { ArrangeStep } from './tile-layout';
import { TextTileBody } from './TextTileBody';

interface Props {
  tile: DashboardTileApi;
  projectId: number;
  refreshKey: number;
  /** Arrange mode: the header is the drag handle and the keyboard buttons show. */
  arranging: boolean;
  onArrange: (step: ArrangeStep) => void;
  onEditText: () => void;
  onRemove: () => void;
}

/** The keyboard way to arrange; each button's name starts with its visible words. */
const STEPS: { step: ArrangeStep; label: string; text: string }[] = [
  { step: 'earlier', label: 'Move earlier', text: '↑ Earlier' },
  { step: 'later', label: 'Move later', text: '↓ Later' },
  { step: 'narrower', label: 'Narrower', text: 'Narrower' },
  { step: 'wider', label: 'Wider', text: 'Wider' },
  { step: 'shorter', label: 'Shorter', text: 'Shorter' },
  { step: 'taller', label: 'Taller', text: 'Taller' },
];

/** One tile of a dashboard: its heading (the insight's name, linking to it, or "Text"), its actions and its body. */
export function DashboardTile({ tile, projectId, refreshKey, arranging, onArrange, onEditText, onRemove }: Props) {
  const name = tile.insight ? insightTitle(tile.insight) : 'Text';
  const article = useRef<HTMLElement>(null);
  // Moving a tile moves its element in the page (tiles are kept in reading order), which drops the focus; the
  // button that moved it gets it back so a keyboard user can press it again.
  const arrangeKeepingFocus = (step: ArrangeStep) => {
    onArrange(step);
    requestAnimationFrame(() => article.current?.querySelector<HTMLButtonElement>(`button[data-step="${step}"]`)?.focus());
  };
  return (
    <article ref={article} className={`dashboard-tile${tile.text ? ' text-tile' : ''}`} aria-label={name}>
      <header className={`dashboard-tile-header${arranging ? ' tile-drag-handle' : ''}`} title={arranging ? 'Drag to move' : undefined}>
        <div className="dashboard-tile-title">
          {tile.insight ? (
            <h2>
              <Link to={`/project/${projectId}/insights/${tile.insight.short_id}`}>{name}</Link>
            </h2>
          ) : (
            <h2 className="visually-hidden">Text</h2>
          )}
          {tile.insight?.description && <p className="muted small">{tile.insight.description}</p>}
        </div>
        <div className="dashboard-tile-actions">
          {tile.text && (
            <button type="button" className="small" onClick={onEditText} aria-label="Edit text">
              Edit
            </button>
          )}
          <button type="button" className="small" onClick={onRemove} aria-label={`Remove ${name} from dashboard`}>
            Remove
          </button>
        </div>
      </header>
      {arranging && (
        <div className="dashboard-tile-arrange" role="group" aria-label={`Arrange ${name}`}>
          {STEPS.map((s) => (
            <button key={s.step} type="button" className="small" data-step={s.step} onClick={() => arrangeKeepingFocus(s.step)} aria-label={`${s.label}: ${name}`}>
              {s.text}
            </button>
          ))}
        </div>
      )}
      <div className="dashboard-tile-body">
        {tile.insight ? <InsightTileBody projectId={projectId} insight={tile.insight} refreshKey={refreshKey} /> : <TextTileBody body={tile.text?.body ?? null} />}
      </div>
    </article>
  );
}
