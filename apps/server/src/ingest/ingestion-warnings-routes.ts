import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import { registerProjectRoute } from '../platform/project-route.js';
import { clickhouseTimeToIso } from '../query/shape-values.js';
import type { EventStore } from '../storage/event-store.js';

/** `/ingestion_warnings/`: why events were dropped or changed, grouped by type as PostHog shows them (last 30 days). */
export function registerIngestionWarningsRoutes(app: FastifyInstance, authenticator: Authenticator, eventStore: EventStore): void {
  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/ingestion_warnings/',
    scope: 'project:read',
    handler: async ({ project }) => {
      const result = await eventStore.query(
        `SELECT type, count() AS count, max(timestamp) AS last_seen,
                arraySlice(groupArray((toString(timestamp), details, source)), 1, 50) AS recent
         FROM (SELECT * FROM ingestion_warnings WHERE team_id = {team:Int64} AND timestamp > now64(6) - INTERVAL 30 DAY ORDER BY timestamp DESC)
         GROUP BY type ORDER BY last_seen DESC`,
        { team: project.id },
      );
      return {
        results: result.rows.map(([type, count, lastSeen, recent]) => ({
          type,
          count: Number(count),
          lastSeen: clickhouseTimeToIso(String(lastSeen), 'UTC'),
          warnings: (recent as [string, string, string][]).map(([timestamp, details, source]) => ({
            type,
            timestamp: clickhouseTimeToIso(timestamp, 'UTC'),
            details: JSON.parse(details) as unknown,
            source,
          })),
        })),
      };
    },
  });
}

