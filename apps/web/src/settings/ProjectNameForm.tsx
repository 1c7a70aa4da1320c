import { useState, type FormEvent } from 'react';
import type { ProjectApi } from '@warren/shared/projects-api';
import { projectNameProblem } from './project-settings-model';
import { SaveStatus } from './SaveStatus';
import { useSaveProject } from './settings-queries';

export function ProjectNameForm({ project }: { project: ProjectApi }) {
  const save = useSaveProject(project.id);
  const [name, setName] = useState(project.name);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const reason = projectNameProblem(name);
    setProblem(reason);
    if (!reason) save.mutate({ name: name.trim() }, { onSuccess: (saved) => setName(saved.name) });
  }

  return (
    <form className="setting" onSubmit={submit}>
      <label className="field" htmlFor="project-name">
        <span>Project name</span>
      </label>
      <div className="row">
        <input id="project-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} aria-invalid={problem !== null} aria-describedby={problem ? 'project-name-problem' : undefined} />
        <button type="submit" disabled={save.isPending || name.trim() === project.name}>
          Save name
        </button>
        <SaveStatus mutation={save} />
      </div>
      {problem && (
        <p id="project-name-problem" role="alert" className="error-text small">
          {problem}
        </p>
      )}
    </form>
  );
}
