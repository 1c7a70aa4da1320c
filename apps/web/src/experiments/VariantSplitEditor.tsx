import { FieldError, invalidProps } from '../flags/FieldError';
import { VariantShareInput } from '../flags/VariantShareInput';
import { VariantSplitActions } from '../flags/VariantSplitActions';
import { splitEqually } from '../flags/flag-form';
import { MAX_VARIANTS, type FieldErrors, type VariantSplit } from './experiment-form';
import { uid } from './metric-form';

interface Props {
  variants: VariantSplit[];
  onChange: (next: VariantSplit[]) => void;
  errors: FieldErrors;
}

/** The variants of the flag the experiment creates, control first, with each one's share of exposed people. */
export function VariantSplitEditor({ variants, onChange, errors }: Props) {
  const update = (index: number, patch: Partial<VariantSplit>) => onChange(variants.map((v, i) => (i === index ? { ...v, ...patch } : v)));
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
                  <VariantShareInput
                    label={`Split of variant ${i + 1}`}
                    value={v.rolloutPercentage}
                    onChange={(rolloutPercentage) => update(i, { rolloutPercentage })}
                    errorId={`variant-${v.uid}-rollout`}
                    error={rolloutError}
                  />
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
      <VariantSplitActions
        variants={variants}
        onChange={onChange}
        canAdd={variants.length < MAX_VARIANTS}
        // A new variant takes an equal share with the others.
        onAdd={() => onChange(splitEqually([...variants, { uid: uid(), key: `test-${variants.length}`, rolloutPercentage: 0 }]))}
      />
      <FieldError id="variants-error" message={errors.variants} />
    </div>
  );
}
