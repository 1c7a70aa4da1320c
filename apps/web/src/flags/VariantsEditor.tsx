import { useId } from 'react';
import { FieldError, invalidProps } from './FieldError';
import { VariantShareInput } from './VariantShareInput';
import { VariantSplitActions } from './VariantSplitActions';
import { uid, type FieldErrors, type VariantForm } from './flag-form';

interface Props {
  variants: VariantForm[];
  onChange: (next: VariantForm[]) => void;
  errors: FieldErrors;
}

/** The variants of a multivariate flag: key, name, share of users (summing to 100) and the JSON payload each serves. */
export function VariantsEditor({ variants, onChange, errors }: Props) {
  const id = useId();
  const update = (index: number, patch: Partial<VariantForm>) => onChange(variants.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  const sumError = errors.filters__multivariate__variants;
  return (
    <div className="stack">
      <table className="variants">
        <caption className="muted small" style={{ textAlign: 'left' }}>
          Each user gets one variant; the percentages split the users the release conditions let in.
        </caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Name</th>
            <th scope="col">Rollout</th>
            <th scope="col">Payload (JSON)</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {variants.map((v, i) => {
            const keyError = errors[`filters__multivariate__variants__${i}__key`];
            const rolloutError = errors[`filters__multivariate__variants__${i}__rollout_percentage`];
            const payloadError = errors[`filters__payloads__${v.key.trim()}`];
            return (
              <tr key={v.uid}>
                <td>
                  <input type="text" aria-label={`Key of variant ${i + 1}`} value={v.key} onChange={(e) => update(i, { key: e.target.value })} {...invalidProps(`${id}-${i}-key`, keyError)} />
                  <FieldError id={`${id}-${i}-key`} message={keyError} />
                </td>
                <td>
                  <input type="text" aria-label={`Name of variant ${i + 1}`} placeholder="optional" value={v.name} onChange={(e) => update(i, { name: e.target.value })} />
                </td>
                <td>
                  <VariantShareInput
                    label={`Rollout percentage of variant ${i + 1}`}
                    value={v.rolloutPercentage}
                    onChange={(rolloutPercentage) => update(i, { rolloutPercentage })}
                    errorId={`${id}-${i}-rollout`}
                    error={rolloutError}
                  />
                </td>
                <td>
                  <textarea
                    aria-label={`Payload of variant ${i + 1}`}
                    placeholder='e.g. {"color": "blue"}'
                    rows={1}
                    value={v.payload}
                    onChange={(e) => update(i, { payload: e.target.value })}
                    {...invalidProps(`${id}-${i}-payload`, payloadError)}
                  />
                  <FieldError id={`${id}-${i}-payload`} message={payloadError} />
                </td>
                <td>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove variant ${i + 1}`}
                    disabled={variants.length <= 1}
                    onClick={() => onChange(variants.filter((_, j) => j !== i))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <VariantSplitActions
        variants={variants}
        onChange={onChange}
        canAdd
        onAdd={() => onChange([...variants, { uid: uid(), key: `variant-${variants.length + 1}`, name: '', rolloutPercentage: 0, payload: '' }])}
      />
      <FieldError id={`${id}-sum`} message={sumError} />
      <FieldError id={`${id}-payloads`} message={errors.filters__payloads} />
    </div>
  );
}
