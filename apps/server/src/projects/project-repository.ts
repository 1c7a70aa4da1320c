import type { Selectable } from 'kysely';
import { hashApiKey } from '../auth/api-key-format.js';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';

export type ProjectRow = Selectable<MetaSchema['projects']>;

export interface Project {
  id: number;
  uuid: string;
  organizationId: string;
  name: string;
  apiToken: string;
  timezone: string;
  weekStartDay: number;
  anonymizeIps: boolean;
  autocaptureOptOut: boolean;
  sessionRecordingOptIn: boolean;
  createdAt: string;
}

const TOKEN_CACHE_MS = 30_000;
const NEGATIVE_CACHE_MAX = 100_000;

/** Projects, with the token lookup that every capture request makes cached (bad tokens too, so floods stay cheap). */
export class ProjectRepository {
  private readonly byToken = new Map<string, { project: Project | null; at: number }>();

  constructor(private readonly db: MetaDb) {}

  async findByToken(token: string): Promise<Project | null> {
    const hit = this.byToken.get(token);
    if (hit && Date.now() - hit.at < TOKEN_CACHE_MS) return hit.project;
    const row = await this.db.selectFrom('projects').selectAll().where('api_token', '=', token).executeTakeFirst();
    const project = row ? toProject(row) : null;
    if (this.byToken.size >= NEGATIVE_CACHE_MAX) this.byToken.clear();
    this.byToken.set(token, { project, at: Date.now() });
    return project;
  }

  /** The cached project of a token, without touching the database (null when not cached or unknown). */
  cachedCaptureProject(token: string): { id: number; anonymizeIps: boolean } | null {
    const project = this.byToken.get(token)?.project;
    return project ? { id: project.id, anonymizeIps: project.anonymizeIps } : null;
  }

  /** Every project's token, for the capture workers. */
  async captureProjects(): Promise<[string, { id: number; anonymizeIps: boolean }][]> {
    const rows = await this.db.selectFrom('projects').select(['id', 'api_token', 'anonymize_ips']).execute();
    return rows.map((r) => [r.api_token, { id: r.id, anonymizeIps: Boolean(r.anonymize_ips) }]);
  }

  /** The project whose secret key (`phs_…`) this is, or null. */
  async findBySecretKey(secretKey: string): Promise<Project | null> {
    const row = await this.db.selectFrom('projects').selectAll().where('secret_api_token_hash', '=', hashApiKey(secretKey)).executeTakeFirst();
    return row ? toProject(row) : null;
  }

  async findById(id: number): Promise<Project | null> {
    const row = await this.db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toProject(row) : null;
  }

  async listForOrganizations(organizationIds: string[]): Promise<Project[]> {
    if (organizationIds.length === 0) return [];
    const rows = await this.db.selectFrom('projects').selectAll().where('organization_id', 'in', organizationIds).orderBy('id').execute();
    return rows.map(toProject);
  }

  /** Forgets cached token lookups (after a token rotation or a settings change). */
  invalidate(): void {
    this.byToken.clear();
  }
}

export function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    uuid: row.uuid,
    organizationId: row.organization_id,
    name: row.name,
    apiToken: row.api_token,
    timezone: row.timezone,
    weekStartDay: row.week_start_day,
    anonymizeIps: Boolean(row.anonymize_ips),
    autocaptureOptOut: Boolean(row.autocapture_opt_out),
    sessionRecordingOptIn: Boolean(row.session_recording_opt_in),
    createdAt: row.created_at,
  };
}
