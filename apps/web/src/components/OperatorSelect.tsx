import { OPERATOR_LABELS, type PropertyOperator } from './property-filter-model';

/** How a property is compared: equals, contains, greater than, is set, … */
export function OperatorSelect({ value, onChange }: { value: PropertyOperator; onChange: (operator: PropertyOperator) => void }) {
  return (
    <select aria-label="Operator" value={value} onChange={(e) => onChange(e.target.value as PropertyOperator)}>
      {Object.entries(OPERATOR_LABELS).map(([op, text]) => (
        <option key={op} value={op}>
          {text}
        </option>
      ))}
    </select>
  );
}
