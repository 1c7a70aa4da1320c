import type { ProjectApi } from '@warren/shared/projects-api';
import { REPLAY_TOGGLES } from './project-settings-model';
import { ProjectToggleSwitch } from './ProjectToggleSwitch';
import { ReplaySettingsForm } from './ReplaySettingsForm';

/** The project's session replay settings, which posthog-js reads from remote config on its next page load. */
export function ReplaySettingsSection({ project }: { project: ProjectApi }) {
  return (
    <section className="settings-section card" aria-labelledby="replay-section-title">
      <h2 id="replay-section-title">Session replay</h2>
      <p className="muted">posthog-js picks these up on the next page load. Masked text never leaves the browser.</p>
      {REPLAY_TOGGLES.map((toggle) => (
        <ProjectToggleSwitch key={toggle.field} project={project} toggle={toggle} />
      ))}
      {/* keyed by id so the form starts over when the switcher moves to another project */}
      <ReplaySettingsForm key={project.id} project={project} />
    </section>
  );
}
