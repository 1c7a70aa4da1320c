import { deleteProject, repointCurrentProjects, type DeleteProjectDeps } from '../projects/delete-project.js';
import type { OrganizationRepository } from './organization-repository.js';

/** Deletes an organization with all its projects and their data; its members move to a project they still reach. */
export async function deleteOrganization(deps: DeleteProjectDeps & { organizations: OrganizationRepository }, organizationId: string): Promise<void> {
  const projectIds = (await deps.projects.listForOrganizations([organizationId])).map((p) => p.id);
  for (const projectId of projectIds) await deleteProject(deps, projectId);
  await deps.organizations.delete(organizationId);
  await repointCurrentProjects(deps.db, projectIds);
}
