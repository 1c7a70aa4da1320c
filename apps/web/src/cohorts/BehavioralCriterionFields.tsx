import { useId } from 'react';
import { useActions } from '../actions/action-queries';
import { useEventDefinitions } from '../api/definitions';
import { PropertyFilters } from '../components/PropertyFilters';
import {
  BEHAVIOR_LABELS,
  COUNT_OPERATOR_LABELS,
  TIME_INTERVAL_LABELS,
  type BehavioralCriterion,
  type BehaviorValue,
  type CountOperator,
  type TimeInterval,
} from './cohort-definition-model';

interface Props {
  projectId: number;
  criterion: BehavioralCriterion;
  onChange: (next: BehavioralCriterion) => void;
}

/** "Performed event X at least K times in the last N days", "did not perform action Y in the last N weeks", … */
export function BehavioralCriterionFields({ projectId, criterion, onChange }: Props) {
  const listId = useId();
  const events = useEventDefinitions(projectId);
  const actions = useActions(projectId, '', 0, 1000);
  const set = (patch: Partial<BehavioralCriterion>) => onChange({ ...criterion, ...patch });
  return (
    <div className="ca-behavior">
      <div className="filter-row">
        <select aria-label="Behaviour" value={criterion.value} onChange={(e) => set({ value: e.target.value as BehaviorValue })}>
          {Object.entries(BEHAVIOR_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <select aria-label="Event or action" value={criterion.eventType} onChange={(e) => set({ eventType: e.target.value as 'events' | 'actions', key: '' })}>
          <option value="events">event</option>
          <option value="actions">action</option>
        </select>
        {criterion.eventType === 'events' ? (
          <>
            <input aria-label="Event" placeholder="event name" list={listId} value={criterion.key} onChange={(e) => set({ key: e.target.value })} />
            <datalist id={listId}>
              {(events.data?.results ?? []).map((d) => (
                <option key={d.id} value={d.name} />
              ))}
            </datalist>
          </>
        ) : (
          <select aria-label="Action" value={criterion.key} onChange={(e) => set({ key: e.target.value })}>
            <option value="">Choose an action…</option>
            {(actions.data?.results ?? []).map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        )}
        {criterion.value === 'performed_event_multiple' && (
          <>
            <select aria-label="How many times" value={criterion.countOperator} onChange={(e) => set({ countOperator: e.target.value as CountOperator })}>
              {Object.entries(COUNT_OPERATOR_LABELS).map(([op, label]) => (
                <option key={op} value={op}>
                  {label}
                </option>
              ))}
            </select>
            <input aria-label="Times" type="number" min={1} step={1} className="ca-number" value={numberText(criterion.count)} onChange={(e) => set({ count: e.target.valueAsNumber })} />
            <span>times</span>
          </>
        )}
        <span>in the last</span>
        <input
          aria-label="Time window"
          type="number"
          min={1}
          step={1}
          className="ca-number"
          value={numberText(criterion.timeValue)}
          onChange={(e) => set({ timeValue: e.target.valueAsNumber })}
        />
        <select aria-label="Time unit" value={criterion.timeInterval} onChange={(e) => set({ timeInterval: e.target.value as TimeInterval })}>
          {Object.entries(TIME_INTERVAL_LABELS).map(([unit, label]) => (
            <option key={unit} value={unit}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <PropertyFilters projectId={projectId} kinds={['event']} label="Only events where" value={criterion.eventFilters} onChange={(eventFilters) => set({ eventFilters })} />
    </div>
  );
}

/** An emptied number box shows empty (NaN), not "NaN"; validation then asks for a number. */
function numberText(n: number): string | number {
  return Number.isNaN(n) ? '' : n;
}
