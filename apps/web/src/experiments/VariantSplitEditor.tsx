import { FieldError, invalidProps } from '../flags/FieldError';
import { MAX_VARIANTS, equalSplit, type FieldErrors, type VariantSplit } from './experiment-form';
import { uid } from './metric-form';

interface Props {
  variants: VariantSplit[];
  onChange: (next: VariantSplit[]) => void;
  errors: FieldErrors;
}

/** The variants of the flag the experiment creates, control first, with each one's share of exposed people. */
export function VariantSplitEditor({ variants, onChange, errors }: Props) {
  const update = (index: number, patch: Partial<VariantSplit>) => onChange(variants.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  const sum = variants.reduce((total, v) => total + (v.rolloutPercentage || 0), 0);
  return (
    <div className="stack">
      <table className="split-table">
        <caption className="muted small" style={{ textAlign: 'left' }}>
          Control is what people see today; every other variant is compared with it.
        </caption>
        <thead>
          <tr>
            <th scope="col">Variant key</th>
            <th scope="col">Split (%)</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {variants.map((v, i) => {
            const keyError = errors[`variants.${i}.key`];
            const rolloutError = errors[`variants.${i}.rollout`];
            return (
              <tr key={v.uid}>
                <td>
                  <input
                    type="text"
                    className="mono"
                    aria-label={`Key of variant ${i + 1}`}
                    value={v.key}
                    readOnly={i === 0}
                    onChange={(e) => update(i, { key: e.target.value })}
                    {...invalidProps(`variant-${v.uid}-key`, keyError)}
                  />
                  <FieldError id={`variant-${v.uid}-key`} message={keyError} />
                </td>
                <td>
                  <input
                    type="number"
                    min={0}
                    max={100}
                    step="any"
                    aria-label={`Split of variant ${i + 1}`}
                    value={Number.isFinite(v.rolloutPercentage) ? v.rolloutPercentage : ''}
                    onChange={(e) => update(i, { rolloutPercentage: e.target.valueAsNumber })}
                    {...invalidProps(`variant-${v.uid}-rollout`, rolloutError)}
                  />
                  <FieldError id={`variant-${v.uid}-rollout`} message={rolloutError} />
                </td>
                <td>
                  {i > 0 && (
                    <button type="button" className="icon-button" aria-label={`Remove variant ${v.key || i + 1}`} disabled={variants.length <= 2} onClick={() => onChange(variants.filter((_, j) => j !== i))}>
                      ×
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="row">
        <button
          type="button"
          className="small"
          disabled={variants.length >= MAX_VARIANTS}
          onClick={() => {
            const next = [...variants, { uid: uid(), key: `test-${variants.length}`, rolloutPercentage: 0 }];
            onChange(next.map((v, i) => ({ ...v, rolloutPercentage: equalSplit(next.length)[i]! })));
          }}
        >
          + Add variant
        </button>
        <button type="button" className="small" onClick={() => onChange(variants.map((v, i) => ({ ...v, rolloutPercentage: equalSplit(variants.length)[i]! })))}>
          Split equally
        </button>
        <span role="status" className={Math.round(sum * 100) === 10_000 ? 'muted' : 'variant-sum-bad'}>
          Total: {Math.round(sum * 100) / 100}%
        </span>
      </div>
      <FieldError id="variants-error" message={errors.variants} />
    </div>
  );
}
