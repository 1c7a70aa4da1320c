/**
 * An action as `/api/projects/:id/actions/` answers it (PostHog's shape, rest-api.md 4.10): named, OR-ed steps that
 * events match. Built by the server's `actionView`; read by the web app's action screens.
 */
export interface ActionApi {
  id: number;
  name: string;
  description: string;
  tags: string[];
  post_to_slack: boolean;
  slack_message_format: string;
  steps: ActionStepApi[];
  created_at: string;
  created_by: ActionUserApi | null;
  deleted: boolean;
  is_calculating: boolean;
  /** When the action last changed (Warren matches actions at query time, so this is when its matches changed). */
  last_calculated_at: string;
  team_id: number;
  is_action: true;
  bytecode_error: null;
  pinned_at: null;
  creation_context: null;
}

/** Who created an action. */
export interface ActionUserApi {
  id: number;
  uuid: string;
  distinct_id: string;
  first_name: string;
  email: string;
}

/** How a step's url, text or href is compared: PostHog's defaults are `contains` for urls, `exact` for the others. */
export type StepMatching = 'contains' | 'regex' | 'exact';

/**
 * One step (PostHog's `ActionStepJSON`); an event matches the action when it matches any step, and a step when it
 * matches every field set. Autocapture steps name `$autocapture` and describe the element clicked.
 * @example { event: '$pageview', url: '/pricing', url_matching: 'contains', properties: [] }
 */
export interface ActionStepApi {
  event: string | null;
  properties: ActionStepPropertyApi[];
  /** A CSS selector the autocaptured element (or its ancestors) must match. */
  selector: string | null;
  tag_name: string | null;
  text: string | null;
  text_matching: StepMatching | null;
  href: string | null;
  href_matching: StepMatching | null;
  /** Matched against the event's `$current_url`. */
  url: string | null;
  url_matching: StepMatching | null;
}

/** A property filter of a step (event or person property), as PostHog's property filters are. */
export interface ActionStepPropertyApi {
  key: string;
  type?: string;
  value?: unknown;
  operator?: string | null;
  group_type_index?: number | null;
}

/** What a create or update sends (a PATCH may leave any field out). */
export interface ActionWriteApi {
  name: string;
  description?: string;
  steps: Partial<ActionStepApi>[];
  tags?: string[];
  deleted?: boolean;
}
