import { FilterValueInput } from '../components/FilterValueInput';
import { OperatorSelect } from '../components/OperatorSelect';
import { PropertyKeyInput } from '../components/PropertyKeyInput';
import { filterValue, operatorTakesValue, typedValue } from '../components/property-filter-model';
import type { PersonCriterion } from './cohort-definition-model';

interface Props {
  projectId: number;
  criterion: PersonCriterion;
  onChange: (next: PersonCriterion) => void;
}

/**
 * "Person property plan = pro": the one-row form of the shared property filter (the same inputs as
 * components/PropertyFilters), with names suggested from the person properties ingestion has seen.
 */
export function PersonCriterionFields({ projectId, criterion, onChange }: Props) {
  return (
    <>
      <PropertyKeyInput projectId={projectId} kind="person" label="Person property" value={criterion.key} onChange={(key) => onChange({ ...criterion, key })} />
      <OperatorSelect
        value={criterion.operator}
        onChange={(operator) => onChange({ ...criterion, operator, value: filterValue(operator, typedValue(criterion.value)) })}
      />
      {operatorTakesValue(criterion.operator) && (
        <FilterValueInput operator={criterion.operator} value={criterion.value} onChange={(value) => onChange({ ...criterion, value })} />
      )}
    </>
  );
}
