import type { FastifyInstance } from 'fastify';
import type { ProjectRepository } from '../projects/project-repository.js';
import { remoteConfig } from './remote-config.js';

/** posthog-js remote config: `config.js` as a script setting `window._POSTHOG_REMOTE_CONFIG`, and `config` as JSON. */
export function registerRemoteConfigRoutes(app: FastifyInstance, projects: ProjectRepository, hasFlags: (teamId: number) => Promise<boolean>): void {
  app.get('/array/:token/config', async (request, reply) => {
    const project = await projects.findByToken((request.params as { token: string }).token);
    if (!project) return reply.code(404).send({ type: 'invalid_request', code: 'not_found', detail: 'Project not found.', attr: null });
    return reply.header('cache-control', 'public, max-age=60').send(remoteConfig(project, await hasFlags(project.id)));
  });
  app.get('/array/:token/config.js', async (request, reply) => {
    const project = await projects.findByToken((request.params as { token: string }).token);
    if (!project) return reply.code(404).type('application/javascript').send('/* project not found */');
    const payload = JSON.stringify({ config: remoteConfig(project, await hasFlags(project.id)), siteApps: [] }).replace(/</g, '\\u003c');
    const token = JSON.stringify(project.apiToken);
    return reply
      .header('cache-control', 'public, max-age=60')
      .type('application/javascript')
      .send(`(function(){window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{};window._POSTHOG_REMOTE_CONFIG[${token}]=${payload};})();`);
  });
}
