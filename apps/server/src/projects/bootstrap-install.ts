import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Config } from '../platform/config.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { generateToken, hashApiKey, maskApiKey } from '../auth/api-key-format.js';

export interface BootstrapResult {
  created: boolean;
  projectId: number;
  projectToken: string;
  /** Shown once, on the start that created it (only its hash is stored). */
  projectSecretKey: string | null;
}

/** OWASP's Argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * On an empty install: an organization, project 1 (UTC) with a `phc_` token, and, when asked through the
 * WARREN_BOOTSTRAP_* settings, an owner user and a personal API key with every scope.
 */
export async function bootstrapInstall(db: MetaDb, bootstrap: Config['bootstrap']): Promise<BootstrapResult> {
  const existing = await db.selectFrom('projects').select(['id', 'api_token']).orderBy('id').executeTakeFirst();
  if (existing) return { created: false, projectId: existing.id, projectToken: existing.api_token, projectSecretKey: null };
  const now = new Date().toISOString();
  const orgId = randomUUID();
  const token = bootstrap.projectToken ?? generateToken('phc_', 32);
  const secretKey = bootstrap.projectSecretKey ?? generateToken('phs_', 35);
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('organizations').values({ id: orgId, name: 'Default organization', created_at: now }).execute();
    const project = await trx
      .insertInto('projects')
      // No explicit id: the first id of an empty table is 1 in both dialects, and PostgreSQL's identity sequence
      // then counts it, so projects created later through the API get fresh ids.
      .values({
        uuid: randomUUID(),
        organization_id: orgId,
        name: 'Default project',
        api_token: token,
        timezone: 'UTC',
        week_start_day: 0,
        anonymize_ips: 0,
        autocapture_opt_out: 0,
        session_recording_opt_in: 1,
        created_at: now,
        secret_api_token_hash: hashApiKey(secretKey),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (bootstrap.email || bootstrap.personalApiKey) {
      const user = await trx
        .insertInto('users')
        .values({
          uuid: randomUUID(),
          distinct_id: randomUUID(),
          email: bootstrap.email ?? 'owner@localhost',
          first_name: '',
          password_hash: bootstrap.password ? await hash(bootstrap.password, ARGON2_OPTIONS) : null,
          current_project_id: project.id,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('organization_memberships').values({ organization_id: orgId, user_id: user.id, level: 15, created_at: now }).execute();
      if (bootstrap.personalApiKey) {
        await trx
          .insertInto('personal_api_keys')
          .values({
            id: randomUUID(),
            user_id: user.id,
            label: 'Bootstrap key',
            secure_value: hashApiKey(bootstrap.personalApiKey),
            mask_value: maskApiKey(bootstrap.personalApiKey),
            scopes: JSON.stringify(['*']),
            scoped_teams: null,
            created_at: now,
            last_used_at: null,
          })
          .execute();
      }
    }
    return { created: true, projectId: project.id, projectToken: token, projectSecretKey: secretKey };
  });
}
