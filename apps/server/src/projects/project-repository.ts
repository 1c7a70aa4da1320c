import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { PropertyFilter } from '@warren/query/hogql/property-filter';
import { generateToken, hashApiKey } from '../auth/api-key-format.js';
import { replaySettingsColumns, replaySettingsOfRow } from '../replay/settings/replay-settings-columns.js';
import { DEFAULT_REPLAY_SETTINGS, DEFAULT_RETENTION_DAYS, type NetworkRedaction, type ReplaySettings } from '../replay/settings/replay-settings.js';
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
  /** Applied when a query sets `filterTestAccounts`; absent on projects built by hand in tests. */
  testAccountFilters?: PropertyFilter[];
  /** Days recordings are kept (PostHog's `session_recording_retention_period`); absent on hand-built projects: 30. */
  sessionRecordingRetentionDays?: number;
  /** Sampling, triggers, capture and masking of session replay; absent on hand-built projects: the defaults. */
  replay?: ReplaySettings;
  createdAt: string;
  updatedAt?: string;
}

/** The settings a project can be created or updated with. */
export interface ProjectSettings {
  name: string;
  timezone: string;
  weekStartDay: number;
  anonymizeIps: boolean;
  autocaptureOptOut: boolean;
  sessionRecordingOptIn: boolean;
  testAccountFilters: PropertyFilter[];
  sessionRecordingRetentionDays: number;
  replay: ReplaySettings;
}

export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = {
  name: 'Default project',
  timezone: 'UTC',
  weekStartDay: 0,
  anonymizeIps: false,
  autocaptureOptOut: false,
  sessionRecordingOptIn: true,
  testAccountFilters: [],
  sessionRecordingRetentionDays: DEFAULT_RETENTION_DAYS,
  replay: DEFAULT_REPLAY_SETTINGS,
};

const TOKEN_CACHE_MS = 30_000;
const NEGATIVE_CACHE_MAX = 100_000;

/** Projects, with the token lookup that every capture request makes cached (bad tokens too, so floods stay cheap). */
export class ProjectRepository {
  private readonly byToken = new Map<string, { project: Project | null; at: number }>();
  private readonly listeners: (() => Promise<void>)[] = [];
  private changes: Promise<void> = Promise.resolve();
  private changeCount = 0;

  constructor(private readonly db: MetaDb) {}

  /**
   * Bumped by every project write. A token lookup that started before a write may have read the old row: callers
   * that copy a lookup elsewhere (the capture workers) compare generations before and after.
   */
  get generation(): number {
    return this.changeCount;
  }

  /** The project of a token while its cache entry is fresh (null: known to be no project), else undefined. */
  freshByToken(token: string): Project | null | undefined {
    const hit = this.byToken.get(token);
    return hit && Date.now() - hit.at < TOKEN_CACHE_MS ? hit.project : undefined;
  }

  async findByToken(token: string): Promise<Project | null> {
    const fresh = this.freshByToken(token);
    if (fresh !== undefined) return fresh;
    const generation = this.changeCount;
    const row = await this.db.selectFrom('projects').selectAll().where('api_token', '=', token).executeTakeFirst();
    const project = row ? toProject(row) : null;
    // A write during the read (a token rotation) may have made this answer stale: use it once, do not keep it.
    if (generation !== this.changeCount) return project;
    if (this.byToken.size >= NEGATIVE_CACHE_MAX) this.byToken.clear();
    this.byToken.set(token, { project, at: Date.now() });
    return project;
  }

  /** The cached project of a token, without touching the database (null when not cached or unknown). */
  cachedCaptureProject(token: string): { id: number; anonymizeIps: boolean; networkRedaction: NetworkRedaction } | null {
    const project = this.byToken.get(token)?.project;
    return project ? captureProjectOf(project) : null;
  }

  /** Every project's token, for the capture workers. */
  async captureProjects(): Promise<[string, { id: number; anonymizeIps: boolean; networkRedaction: NetworkRedaction }][]> {
    const rows = await this.db.selectFrom('projects').selectAll().execute();
    return rows.map((r) => [r.api_token, captureProjectOf(toProject(r))]);
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

  /** A new project of the organization with a fresh `phc_` token. */
  async create(organizationId: string, settings: ProjectSettings): Promise<Project> {
    const project = await insertProject(this.db, organizationId, settings);
    await this.changed();
    return project;
  }

  async update(id: number, settings: ProjectSettings): Promise<Project | null> {
    await this.db.updateTable('projects').set({ ...toColumns(settings), updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    await this.changed();
    return this.findById(id);
  }

  /** Gives the project a new `phc_` token; the old one stops working as soon as this returns. */
  async rotateToken(id: number): Promise<Project | null> {
    await this.db
      .updateTable('projects')
      .set({ api_token: generateToken('phc_', 32), updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    await this.changed();
    return this.findById(id);
  }

  /** Removes the project row (its data is removed by `deleteProjectData`). */
  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('projects').where('id', '=', id).execute();
    await this.changed();
  }

  /**
   * Runs `listener` after every project write (after the token cache is cleared), e.g. to hand the capture workers
   * the new token map. Writes wait for their listeners; listeners run one change at a time, in order.
   */
  onChange(listener: () => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Forgets cached token lookups (after a token rotation or a settings change). */
  invalidate(): void {
    this.changeCount++;
    this.byToken.clear();
  }

  /** Announces a project write made elsewhere (inside another repository's transaction), once it is committed. */
  async changed(): Promise<void> {
    this.invalidate();
    const run = this.changes.then(async () => {
      await Promise.all(this.listeners.map((listener) => listener()));
    });
    this.changes = run.catch(() => undefined);
    await run;
  }
}

/** Inserts a project with a fresh `phc_` token (callers in a transaction announce it with `changed()` after commit). */
export async function insertProject(db: MetaDb, organizationId: string, settings: ProjectSettings): Promise<Project> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('projects')
    .values({
      uuid: randomUUID(),
      organization_id: organizationId,
      api_token: generateToken('phc_', 32),
      ...toColumns(settings),
      created_at: now,
      updated_at: now,
      secret_api_token_hash: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toProject(row);
}

/** What capture needs of a project: its id, whether IPs are dropped, and the network redaction rules for snapshots. */
export function captureProjectOf(project: Project): { id: number; anonymizeIps: boolean; networkRedaction: NetworkRedaction } {
  return { id: project.id, anonymizeIps: project.anonymizeIps, networkRedaction: (project.replay ?? DEFAULT_REPLAY_SETTINGS).networkRedaction };
}

function toColumns(settings: ProjectSettings) {
  return {
    name: settings.name,
    timezone: settings.timezone,
    week_start_day: settings.weekStartDay,
    anonymize_ips: settings.anonymizeIps ? 1 : 0,
    autocapture_opt_out: settings.autocaptureOptOut ? 1 : 0,
    session_recording_opt_in: settings.sessionRecordingOptIn ? 1 : 0,
    test_account_filters: JSON.stringify(settings.testAccountFilters),
    session_recording_retention_days: settings.sessionRecordingRetentionDays,
    ...replaySettingsColumns(settings.replay),
  };
}

export function toProject(row: ProjectRow): Project {
  return {
    id: Number(row.id),
    uuid: row.uuid,
    organizationId: row.organization_id,
    name: row.name,
    apiToken: row.api_token,
    timezone: row.timezone,
    weekStartDay: row.week_start_day,
    anonymizeIps: Boolean(row.anonymize_ips),
    autocaptureOptOut: Boolean(row.autocapture_opt_out),
    sessionRecordingOptIn: Boolean(row.session_recording_opt_in),
    testAccountFilters: JSON.parse(row.test_account_filters ?? '[]') as PropertyFilter[],
    sessionRecordingRetentionDays: Number(row.session_recording_retention_days ?? DEFAULT_RETENTION_DAYS),
    replay: replaySettingsOfRow(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at ?? row.created_at,
  };
}

/** The settings a project has now, as a base for a partial update. */
export function settingsOf(project: Project): ProjectSettings {
  return {
    name: project.name,
    timezone: project.timezone,
    weekStartDay: project.weekStartDay,
    anonymizeIps: project.anonymizeIps,
    autocaptureOptOut: project.autocaptureOptOut,
    sessionRecordingOptIn: project.sessionRecordingOptIn,
    testAccountFilters: project.testAccountFilters ?? [],
    sessionRecordingRetentionDays: project.sessionRecordingRetentionDays ?? DEFAULT_RETENTION_DAYS,
    replay: project.replay ?? DEFAULT_REPLAY_SETTINGS,
  };
}
