import { useId } from 'react';
import type { StepMatching } from '@warren/shared/actions-api';
import { useEventDefinitions } from '../api/definitions';
import { PropertyFilters } from '../components/PropertyFilters';
import { MATCHING_LABELS, type StepForm, type StepKind } from './action-step-model';

interface Props {
  projectId: number;
  /** 1-based, for labels: "Step 2". */
  index: number;
  step: StepForm;
  onChange: (next: StepForm) => void;
  onRemove: () => void;
}

const KIND_LABELS: Record<StepKind, string> = { pageview: 'Page view', autocapture: 'Autocaptured element', event: 'Custom event' };

/** One step of an action: what kind of event, and the rules it must meet. */
export function StepEditor({ projectId, index, step, onChange, onRemove }: Props) {
  const listId = useId();
  const events = useEventDefinitions(projectId);
  const set = (patch: Partial<StepForm>) => onChange({ ...step, ...patch });
  const label = `Step ${index}`;
  return (
    <fieldset className="ca-step">
      <legend>{label}</legend>
      <div className="row">
        <label className="ca-inline-field">
          <span>Match</span>
          <select aria-label={`${label} kind`} value={step.kind} onChange={(e) => set({ kind: e.target.value as StepKind })}>
            {Object.entries(KIND_LABELS).map(([kind, text]) => (
              <option key={kind} value={kind}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="small ca-push-right" onClick={onRemove}>
          Remove step {index}
        </button>
      </div>
      {step.kind === 'event' && (
        <label className="field">
          <span>Event name</span>
          <input list={listId} value={step.event} placeholder="e.g. signed_up" onChange={(e) => set({ event: e.target.value })} />
          <datalist id={listId}>
            {(events.data?.results ?? [])
              .filter((d) => d.name !== '$pageview' && d.name !== '$autocapture')
              .map((d) => (
                <option key={d.id} value={d.name} />
              ))}
          </datalist>
        </label>
      )}
      {step.kind === 'autocapture' && (
        <>
          <MatchedText label="Element text" value={step.text} matching={step.textMatching} onChange={(text, textMatching) => set({ text, textMatching })} />
          <MatchedText label="Link target (href)" value={step.href} matching={step.hrefMatching} onChange={(href, hrefMatching) => set({ href, hrefMatching })} />
          <label className="field">
            <span>CSS selector</span>
            <input value={step.selector} placeholder="e.g. button.signup" onChange={(e) => set({ selector: e.target.value })} />
          </label>
        </>
      )}
      {step.kind !== 'event' && (
        <MatchedText label="Page URL" value={step.url} matching={step.urlMatching} onChange={(url, urlMatching) => set({ url, urlMatching })} />
      )}
      <PropertyFilters projectId={projectId} value={step.properties} onChange={(properties) => set({ properties })} label="Property filters" />
    </fieldset>
  );
}

/** A text rule with how it matches (contains / exactly / regex). */
function MatchedText({
  label,
  value,
  matching,
  onChange,
}: {
  label: string;
  value: string;
  matching: StepMatching;
  onChange: (value: string, matching: StepMatching) => void;
}) {
  return (
    <div className="ca-matched" role="group" aria-label={label}>
      <span className="ca-matched-label">{label}</span>
      <select aria-label={`${label} matching`} value={matching} onChange={(e) => onChange(value, e.target.value as StepMatching)}>
        {Object.entries(MATCHING_LABELS).map(([m, text]) => (
          <option key={m} value={m}>
            {text}
          </option>
        ))}
      </select>
      <input aria-label={label} value={value} onChange={(e) => onChange(e.target.value, matching)} />
    </div>
  );
}
