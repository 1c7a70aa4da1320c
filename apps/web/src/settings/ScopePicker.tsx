import { SCOPE_OBJECTS } from '@warren/shared/api-keys-api';
import { scopeObjectLabel, type ScopeChoice, type ScopeLevel } from './api-key-scopes';

/** All access, or a level (none, read, write) per object the server knows. */
export function ScopePicker({ value, onChange }: { value: ScopeChoice; onChange: (next: ScopeChoice) => void }) {
  return (
    <fieldset className="scope-picker">
      <legend>Scopes</legend>
      <label className="row">
        <input type="radio" name="scope-mode" checked={value.all} onChange={() => onChange({ ...value, all: true })} />
        All access: everything you can do, in every project you can reach
      </label>
      <label className="row">
        <input type="radio" name="scope-mode" checked={!value.all} onChange={() => onChange({ ...value, all: false })} />
        Only the scopes picked below
      </label>
      {!value.all && (
        <table className="data scope-table">
          <thead>
            <tr>
              <th scope="col">Object</th>
              <th scope="col">Access</th>
            </tr>
          </thead>
          <tbody>
            {SCOPE_OBJECTS.map((object) => (
              <tr key={object}>
                <th scope="row">{scopeObjectLabel(object)}</th>
                <td>
                  <select
                    aria-label={`${scopeObjectLabel(object)} access`}
                    value={value.levels[object] ?? 'none'}
                    onChange={(e) => onChange({ ...value, levels: { ...value.levels, [object]: e.target.value as ScopeLevel } })}
                  >
                    <option value="none">No access</option>
                    <option value="read">Read</option>
                    <option value="write">Read and write</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}
