import type { PersonalApiKeyApi } from '@warren/shared/api-keys-api';
import type { ApiKeyRecord } from './api-key-repository.js';

/**
 * A personal API key as PostHog's `/api/personal_api_keys/` shows it (rest-api.md 1.4). `value` is the key itself
 * only in the answer to a create or a roll, and null everywhere else.
 * Example: apiKeyView(key, null).mask_value === 'phx_...x7Qa'.
 */
export function apiKeyView(key: ApiKeyRecord, value: string | null): PersonalApiKeyApi {
  return {
    id: key.id,
    label: key.label,
    value,
    mask_value: key.maskValue,
    created_at: key.createdAt,
    last_used_at: key.lastUsedAt,
    last_rolled_at: key.lastRolledAt,
    user_id: key.userId,
    scopes: key.scopes.length > 0 ? key.scopes : ['*'],
    scoped_teams: key.scopedTeams,
    scoped_organizations: key.scopedOrganizations,
  };
}
