import { useMemo } from 'react';
import type { ProjectApi } from '@warren/shared/projects-api';
import { browserTimezones, timezoneGroups } from './project-settings-model';
import { SaveStatus } from './SaveStatus';
import { useSaveProject } from './settings-queries';

export function TimezoneSelect({ project }: { project: ProjectApi }) {
  const save = useSaveProject(project.id);
  const groups = useMemo(() => timezoneGroups(browserTimezones(), project.timezone), [project.timezone]);
  // While a save is under way the select shows the choice being saved; after a failure it falls back to the stored one.
  const shown = save.isPending && save.variables?.timezone ? save.variables.timezone : project.timezone;
  return (
    <div className="setting">
      <label className="field" htmlFor="project-timezone">
        <span>Timezone</span>
      </label>
      <p className="muted small" id="project-timezone-help">
        Insights count days, weeks and months in this timezone.
      </p>
      <div className="row">
        <select id="project-timezone" aria-describedby="project-timezone-help" value={shown} onChange={(e) => save.mutate({ timezone: e.target.value })}>
          {groups.map((group) => (
            <optgroup key={group.region} label={group.region}>
              {group.zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replace(/_/g, ' ')}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <SaveStatus mutation={save} />
      </div>
    </div>
  );
}
