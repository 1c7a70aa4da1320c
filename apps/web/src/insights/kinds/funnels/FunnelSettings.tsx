import { useEffect, useId, useState } from 'react';
import {
  ORDER_LABELS, UNIT_LABELS, VIZ_LABELS, setFunnelsFilter, stepName, type FunnelOrder, type FunnelViz, type FunnelsQuery, type WindowUnit,
} from './funnel-query-model';
import { useActionNames } from './use-action-names';

interface Props {
  projectId: number;
  query: FunnelsQuery;
  onChange: (next: FunnelsQuery) => void;
}

const INTERVALS = ['hour', 'day', 'week', 'month'] as const;

/** Step order, conversion window, and what to draw (steps, time to convert, trends with their step range). */
export function FunnelSettings({ projectId, query, onChange }: Props) {
  const filter = query.funnelsFilter ?? {};
  const viz = filter.funnelVizType ?? 'steps';
  const radioName = useId();
  const actions = useActionNames(projectId);
  const last = query.series.length - 1;
  const from = filter.funnelFromStep ?? 0;
  const to = filter.funnelToStep ?? last;
  const stepOption = (i: number) => (
    <option key={i} value={i}>
      {`${i + 1}. ${stepName(query.series[i]!, actions.data)}`}
    </option>
  );
  return (
    <div className="funnel-settings">
      <fieldset className="funnel-viz">
        <legend>Graph type</legend>
        {(Object.keys(VIZ_LABELS) as FunnelViz[]).map((v) => (
          <label key={v} className="funnel-viz-option">
            <input type="radio" name={radioName} value={v} checked={viz === v} onChange={() => onChange(setFunnelsFilter(query, { funnelVizType: v }))} />
            {VIZ_LABELS[v]}
          </label>
        ))}
      </fieldset>
      <div className="row funnel-settings-row">
        <label className="field">
          <span>Step order</span>
          <select value={filter.funnelOrderType ?? 'ordered'} onChange={(e) => onChange(setFunnelsFilter(query, { funnelOrderType: e.target.value as FunnelOrder }))}>
            {(Object.keys(ORDER_LABELS) as FunnelOrder[]).map((o) => (
              <option key={o} value={o}>
                {ORDER_LABELS[o]}
              </option>
            ))}
          </select>
        </label>
        <ConversionWindow query={query} onChange={onChange} />
        {viz !== 'steps' && (
          <>
            <label className="field">
              <span>From step</span>
              <select value={from} onChange={(e) => onChange(setFunnelsFilter(query, fromTo(Number(e.target.value), to, last)))}>
                {query.series.slice(0, last).map((_, i) => stepOption(i))}
              </select>
            </label>
            <label className="field">
              <span>To step</span>
              <select value={to} onChange={(e) => onChange(setFunnelsFilter(query, fromTo(from, Number(e.target.value), last)))}>
                {query.series.map((_, i) => (i > from ? stepOption(i) : null))}
              </select>
            </label>
          </>
        )}
        {viz === 'trends' && (
          <label className="field">
            <span>Trend interval</span>
            <select value={query.interval ?? 'day'} onChange={(e) => onChange({ ...query, interval: e.target.value as FunnelsQuery['interval'] })}>
              {INTERVALS.map((i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
    </div>
  );
}

/** From/to steps as the server wants them: the defaults (first, last) are left out; a "to" not after "from" moves. */
function fromTo(from: number, to: number, last: number) {
  const fixedTo = to > from ? to : Math.min(from + 1, last);
  return { funnelFromStep: from === 0 ? undefined : from, funnelToStep: fixedTo === last ? undefined : fixedTo };
}

function ConversionWindow({ query, onChange }: { query: FunnelsQuery; onChange: (next: FunnelsQuery) => void }) {
  const filter = query.funnelsFilter ?? {};
  const interval = filter.funnelWindowInterval ?? 14;
  const [text, setText] = useState(String(interval));
  useEffect(() => setText(String(interval)), [interval]);
  const commit = () => {
    const n = Number(text);
    if (Number.isInteger(n) && n >= 1 && n <= 100_000) {
      if (n !== interval) onChange(setFunnelsFilter(query, { funnelWindowInterval: n }));
    } else setText(String(interval));
  };
  return (
    <div className="field">
      <span aria-hidden="true">Conversion window</span>
      <span className="row">
        <input
          type="number"
          min={1}
          max={100_000}
          className="funnel-window-number"
          aria-label="Conversion window"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
        <select
          aria-label="Conversion window unit"
          value={filter.funnelWindowIntervalUnit ?? 'day'}
          onChange={(e) => onChange(setFunnelsFilter(query, { funnelWindowIntervalUnit: e.target.value as WindowUnit }))}
        >
          {(Object.keys(UNIT_LABELS) as WindowUnit[]).map((u) => (
            <option key={u} value={u}>
              {UNIT_LABELS[u]}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}
