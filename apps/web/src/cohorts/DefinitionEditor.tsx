import { CriterionEditor } from './CriterionEditor';
import { newCriterion, newGroup, type CriteriaGroup, type Definition, type MatchType } from './cohort-definition-model';

interface Props {
  projectId: number;
  /** The cohort being edited (null when new), which its own criteria may not name. */
  selfId: number | null;
  value: Definition;
  onChange: (next: Definition) => void;
}

/**
 * Who is in a dynamic cohort: groups of criteria. Persons match a group when they match all (or any) of its
 * criteria, and the cohort when they match any (or all) of the groups.
 */
export function DefinitionEditor({ projectId, selfId, value, onChange }: Props) {
  const setGroup = (index: number, group: CriteriaGroup) => onChange({ ...value, groups: value.groups.map((g, i) => (i === index ? group : g)) });
  const joiner = value.type === 'OR' ? 'or' : 'and';
  return (
    <div className="ca-definition">
      <label className="field ca-inline-field">
        <span>Persons are in the cohort when they match</span>
        <select value={value.type} onChange={(e) => onChange({ ...value, type: e.target.value as MatchType })}>
          <option value="OR">any of the groups</option>
          <option value="AND">all of the groups</option>
        </select>
      </label>
      {value.groups.map((group, g) => (
        <div key={group.uid} className="ca-group-slot">
          {g > 0 && (
            <div className="ca-joiner" aria-hidden="true">
              {joiner}
            </div>
          )}
          <fieldset className="ca-group">
            <legend>Group {g + 1}</legend>
            <div className="row">
              <label className="ca-inline-field">
                <span>Match</span>{' '}
                <select aria-label={`Group ${g + 1} matches`} value={group.type} onChange={(e) => setGroup(g, { ...group, type: e.target.value as MatchType })}>
                  <option value="AND">all of these criteria</option>
                  <option value="OR">any of these criteria</option>
                </select>
              </label>
              <button type="button" className="small ca-push-right" onClick={() => onChange({ ...value, groups: value.groups.filter((_, i) => i !== g) })}>
                Remove group {g + 1}
              </button>
            </div>
            {group.criteria.map((criterion, c) => (
              <CriterionEditor
                key={criterion.uid}
                projectId={projectId}
                selfId={selfId}
                label={`Group ${g + 1}, criterion ${c + 1}`}
                criterion={criterion}
                onChange={(next) => setGroup(g, { ...group, criteria: group.criteria.map((x, i) => (i === c ? next : x)) })}
                onRemove={() => setGroup(g, { ...group, criteria: group.criteria.filter((_, i) => i !== c) })}
              />
            ))}
            <div>
              <button type="button" className="small" onClick={() => setGroup(g, { ...group, criteria: [...group.criteria, newCriterion('person')] })}>
                + Add criterion to group {g + 1}
              </button>
            </div>
          </fieldset>
        </div>
      ))}
      <div>
        <button type="button" className="small" onClick={() => onChange({ ...value, groups: [...value.groups, newGroup()] })}>
          + Add group
        </button>
      </div>
    </div>
  );
}
