import type { WebOverviewItemApi, WebOverviewResponseApi } from '@warren/shared/web-analytics-api';
import { useId } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { FIGURE_LABELS, changeText, changeTone, formatFigure } from './web-format';
import type { WebPageState } from './web-page-state';
import { overviewQuery } from './web-queries';
import { useKeptData } from './use-kept-data';
import { useWebQuery } from './web-query-runner';

/** The five figures of the range (WebOverviewQuery), each with its change from the period before when comparing. */
export function OverviewFigures({ state, refreshKey }: { state: WebPageState; refreshKey: number }) {
  const result = useWebQuery(overviewQuery(state), { refreshKey });
  const items = useKeptData(result.data as WebOverviewResponseApi | undefined, 'overview')?.results;
  if (result.isError) return <ErrorNotice error={result.error} title="The figures could not be loaded" />;
  if (!items) return <Spinner label="Loading figures" />;
  return (
    <section className="web-figures card" aria-label="Overview" aria-busy={result.isFetching}>
      {items.map((item) => (
        <Figure key={item.key} item={item} compare={state.compare} />
      ))}
    </section>
  );
}

function Figure({ item, compare }: { item: WebOverviewItemApi; compare: boolean }) {
  const id = useId();
  const label = FIGURE_LABELS[item.key] ?? item.key;
  const tone = changeTone(item);
  return (
    <div className="web-figure" role="group" aria-labelledby={id}>
      <span id={id} className="web-figure-label">
        {label}
      </span>
      <span className="web-figure-value">{formatFigure(item.kind, item.value)}</span>
      {compare && (
        <span className="web-figure-previous">
          {item.changeFromPreviousPct !== null && (
            <span className={`web-change web-change-${tone}`}>
              {changeText(item.changeFromPreviousPct)}
              <span className="visually-hidden">{tone === 'good' ? ' (better)' : tone === 'bad' ? ' (worse)' : ''}</span>
            </span>
          )}{' '}
          <span className="muted">was {formatFigure(item.kind, item.previous)}</span>
        </span>
      )}
    </div>
  );
}
