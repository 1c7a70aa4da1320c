import { useParams } from 'react-router';

/** The project the current screen is about, from `/project/:projectId/…`. */
export function useProjectId(): number {
  const { projectId } = useParams();
  const id = Number(projectId);
  if (!Number.isInteger(id) || id <= 0) throw new Error(`Not a project id: ${projectId}`);
  return id;
}

/** The API prefix of the current project, e.g. `/api/projects/1`. */
export function useProjectApi(): string {
  return `/api/projects/${useProjectId()}`;
}
