import type { ActionApi } from '@warren/shared/actions-api';
import type { MetaDb } from '../storage/meta-schema.js';
import type { ActionRecord } from './action-repository.js';

/** PostHog's nested user object (rest-api.md 1.8), as far as Warren knows its users. */
export interface UserView {
  id: number;
  uuid: string;
  distinct_id: string;
  first_name: string;
  last_name: string;
  email: string;
  is_email_verified: boolean | null;
  hedgehog_config: null;
  role_at_organization: null;
}

/** An action as PostHog's REST API shows it (rest-api.md 4.10). Example: actionView(a, users).is_action === true. */
export function actionView(action: ActionRecord, users: ReadonlyMap<number, UserView>): ActionApi {
  return {
    id: action.id,
    name: action.name,
    description: action.description,
    tags: action.tags,
    post_to_slack: false,
    slack_message_format: '',
    steps: action.steps.map((s) => ({
      event: s.event ?? null,
      properties: s.properties ?? [],
      selector: s.selector ?? null,
      tag_name: s.tag_name ?? null,
      text: s.text ?? null,
      text_matching: s.text_matching ?? null,
      href: s.href ?? null,
      href_matching: s.href_matching ?? null,
      url: s.url ?? null,
      url_matching: s.url_matching ?? null,
    })),
    created_at: action.createdAt,
    created_by: action.createdBy === null ? null : (users.get(action.createdBy) ?? null),
    deleted: action.deleted,
    is_calculating: false,
    last_calculated_at: action.updatedAt,
    team_id: action.teamId,
    is_action: true,
    bytecode_error: null,
    pinned_at: null,
    creation_context: null,
  };
}

/** The user objects of the given ids (unknown ids are left out). */
export async function userViews(db: MetaDb, ids: readonly (number | null)[]): Promise<Map<number, UserView>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'uuid', 'distinct_id', 'first_name', 'email']).where('id', 'in', wanted).execute();
  return new Map(
    rows.map((r) => [
      Number(r.id),
      { ...r, id: Number(r.id), last_name: '', is_email_verified: null, hedgehog_config: null, role_at_organization: null },
    ]),
  );
}
