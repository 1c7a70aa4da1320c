import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { SetupSnippets } from '../components/SetupSnippets';
import { Spinner } from '../components/Spinner';
import { useProjectId } from '../app/use-project-id';
import { MembersSection } from './MembersSection';
import { PROJECT_TOGGLES } from './project-settings-model';
import { PersonalApiKeysSection } from './PersonalApiKeysSection';
import { ProjectNameForm } from './ProjectNameForm';
import { ProjectTokenField } from './ProjectTokenField';
import { ProjectToggleSwitch } from './ProjectToggleSwitch';
import { ReplaySettingsSection } from './ReplaySettingsSection';
import { TimezoneSelect } from './TimezoneSelect';
import { useProject } from './settings-queries';
import './settings.css';

/**
 * `/project/:projectId/settings`: the project's settings and install snippets, the user's personal API keys, and the
 * members of the project's organization.
 */
export function Component() {
  const projectId = useProjectId();
  const project = useProject(projectId);
  if (project.isPending) return <Spinner label="Loading settings" />;
  if (project.error) return <ErrorNotice error={project.error} title="Could not load this project" />;
  const p = project.data;
  return (
    <div className="settings-page">
      <PageHeader title="Project settings">{p.name}</PageHeader>

      <section className="settings-section card" aria-labelledby="project-section-title">
        <h2 id="project-section-title">Project</h2>
        {/* keyed by id so the name field starts over when the switcher moves to another project */}
        <ProjectNameForm key={p.id} project={p} />
        <ProjectTokenField project={p} />
        <TimezoneSelect project={p} />
      </section>

      <section className="settings-section card" aria-labelledby="install-section-title">
        <h2 id="install-section-title">Install</h2>
        <p className="muted">Paste one of these into your site or app to send events to this project.</p>
        <SetupSnippets token={p.api_token} />
      </section>

      <section className="settings-section card" aria-labelledby="capture-section-title">
        <h2 id="capture-section-title">Data capture</h2>
        {PROJECT_TOGGLES.map((toggle) => (
          <ProjectToggleSwitch key={toggle.field} project={p} toggle={toggle} />
        ))}
      </section>

      <ReplaySettingsSection project={p} />

      <PersonalApiKeysSection projectId={p.id} projectName={p.name} />

      <MembersSection organizationId={p.organization} ownLevel={p.effective_membership_level} />
    </div>
  );
}
