import { useId, useState } from 'react';
import type { ProjectApi } from '@warren/shared/projects-api';
import { toggleIsOn, togglePatch, type ProjectToggle } from './project-settings-model';
import { SaveStatus } from './SaveStatus';
import { useSaveProject } from './settings-queries';

/** One on/off project setting, saved as soon as it is flipped (Space toggles it from the keyboard). */
export function ProjectToggleSwitch({ project, toggle }: { project: ProjectApi; toggle: ProjectToggle }) {
  const save = useSaveProject(project.id);
  const id = useId();
  // While a save is under way the switch shows the state being saved (it is not disabled, which would drop focus).
  // The flip is held in component state, set inside the change event, so React never puts the old state back in
  // between the click and the mutation's own re-render.
  const [flipped, setFlipped] = useState<boolean | null>(null);
  const on = flipped ?? toggleIsOn(toggle, project);
  return (
    <div className="setting toggle-setting">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={on}
        aria-busy={save.isPending}
        aria-describedby={`${id}-help`}
        onChange={(e) => {
          const checked = e.target.checked;
          setFlipped(checked);
          save.mutate(togglePatch(toggle, checked), { onSettled: () => setFlipped(null) });
        }}
      />
      <div>
        <label htmlFor={id} className="field-label">
          {toggle.label}
        </label>
        <p className="muted small" id={`${id}-help`}>
          {toggle.description}
        </p>
        <SaveStatus mutation={save} />
      </div>
    </div>
  );
}
