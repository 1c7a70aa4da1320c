import { formatPercent, splitEqually, variantSum, type VariantShare } from './flag-form';

interface Props<T extends VariantShare> {
  variants: T[];
  onChange: (next: T[]) => void;
  onAdd: () => void;
  canAdd: boolean;
}

/** Under a variants table: add a variant, split 100 % equally, and the shares' total (flagged unless it is 100 %). */
export function VariantSplitActions<T extends VariantShare>({ variants, onChange, onAdd, canAdd }: Props<T>) {
  const sum = variantSum(variants);
  const sumOk = Math.round(sum * 100) === 10000;
  return (
    <div className="row">
      <button type="button" className="small" disabled={!canAdd} onClick={onAdd}>
        + Add variant
      </button>
      <button type="button" className="small" onClick={() => onChange(splitEqually(variants))}>
        Distribute equally
      </button>
      <span role="status" className={sumOk ? 'muted' : 'variant-sum-bad'}>
        Total: {formatPercent(sum)}
        {sumOk ? '' : ' (must be 100%)'}
      </span>
    </div>
  );
}
