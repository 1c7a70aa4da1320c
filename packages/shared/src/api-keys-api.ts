/**
 * The objects a personal API key's scopes name (`<object>:read|write`, or `*` for all), as PostHog names them: the
 * server checks keys against this list and the settings screen offers it.
 */
export const SCOPE_OBJECTS = [
  'action', 'annotation', 'cohort', 'dashboard', 'event_definition', 'experiment', 'export', 'feature_flag', 'group',
  'insight', 'organization', 'organization_member', 'person', 'project', 'property_definition', 'query',
  'session_recording', 'sharing_configuration', 'user',
] as const;

export type ScopeObject = (typeof SCOPE_OBJECTS)[number];

/**
 * A personal API key as `/api/personal_api_keys/` answers it (built by the server's `apiKeyView`). `value` is the key
 * itself only in the answer to a create or a roll, and null everywhere else: it is never shown twice.
 */
export interface PersonalApiKeyApi {
  id: string;
  label: string;
  value: string | null;
  /** The key's start and end, e.g. `phx_...x7Qa`, to recognise it by. */
  mask_value: string;
  created_at: string;
  last_used_at: string | null;
  last_rolled_at: string | null;
  user_id: number;
  /** `['*']` for every scope, else `<object>:read|write` names. */
  scopes: string[];
  /** Project ids the key is limited to; null = every project of the user. */
  scoped_teams: number[] | null;
  scoped_organizations: string[] | null;
}

/** The body of a create (POST) or update of a personal API key. */
export interface PersonalApiKeyWrite {
  label: string;
  scopes: string[];
  scoped_teams?: number[] | null;
}
