import { useId, useState } from 'react';
import { usePropertyDefinitions } from '../api/definitions';
import { OPERATOR_LABELS, filterValue, operatorTakesValue, typedValue, type PropertyOperator } from '../components/property-filter-model';
import type { PersonCriterion } from './cohort-definition-model';

interface Props {
  projectId: number;
  criterion: PersonCriterion;
  onChange: (next: PersonCriterion) => void;
}

/**
 * "Person property plan = pro": the one-row form of the shared property filter (same operators and value parsing as
 * components/PropertyFilters), with names suggested from the person properties ingestion has seen.
 */
export function PersonCriterionFields({ projectId, criterion, onChange }: Props) {
  const listId = useId();
  const names = usePropertyDefinitions(projectId, 'person');
  // The typed text is kept so "a," can become "a, b"; the parsed value goes up.
  const [text, setText] = useState(() => typedValue(criterion.value));
  return (
    <>
      <input aria-label="Person property" placeholder="person property" list={listId} value={criterion.key} onChange={(e) => onChange({ ...criterion, key: e.target.value })} />
      <datalist id={listId}>
        {(names.data?.results ?? []).map((d) => (
          <option key={d.id} value={d.name} />
        ))}
      </datalist>
      <select
        aria-label="Operator"
        value={criterion.operator}
        onChange={(e) => {
          const operator = e.target.value as PropertyOperator;
          onChange({ ...criterion, operator, value: filterValue(operator, text) });
        }}
      >
        {Object.entries(OPERATOR_LABELS).map(([op, label]) => (
          <option key={op} value={op}>
            {label}
          </option>
        ))}
      </select>
      {operatorTakesValue(criterion.operator) && (
        <input
          aria-label="Value"
          placeholder="value"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            onChange({ ...criterion, value: filterValue(criterion.operator, e.target.value) });
          }}
        />
      )}
    </>
  );
}
