import type { ActionStepApi, ActionStepPropertyApi, StepMatching } from '@warren/shared/actions-api';
import type { PropertyFilter } from '../components/property-filter-model';

/**
 * The action editor's form state and its mapping to PostHog's action steps. A step is one of three kinds, as in
 * PostHog's editor: a page view (`$pageview`, by URL), an autocaptured element (`$autocapture`, by text, link,
 * selector and URL) or any other event by name; each may also filter on properties.
 */

export type StepKind = 'pageview' | 'autocapture' | 'event';

export interface StepForm {
  /** Only for the editor: a React key that survives removing a step above. */
  uid: string;
  kind: StepKind;
  /** The event name of an `event` step. */
  event: string;
  url: string;
  urlMatching: StepMatching;
  text: string;
  textMatching: StepMatching;
  href: string;
  hrefMatching: StepMatching;
  selector: string;
  tagName: string;
  properties: PropertyFilter[];
}

export interface ActionFormState {
  name: string;
  description: string;
  steps: StepForm[];
}

export const MATCHING_LABELS: Record<StepMatching, string> = { contains: 'contains', exact: 'matches exactly', regex: 'matches regex' };

let lastUid = 0;

/** A fresh step of a kind: URLs match by substring, text and links exactly (PostHog's defaults). */
export function newStep(kind: StepKind = 'event'): StepForm {
  return {
    uid: `s${++lastUid}`,
    kind,
    event: '',
    url: '',
    urlMatching: 'contains',
    text: '',
    textMatching: 'exact',
    href: '',
    hrefMatching: 'exact',
    selector: '',
    tagName: '',
    properties: [],
  };
}

/** The form of a stored action, or of a new one with one empty event step. */
export function actionFormState(action: { name: string; description: string; steps: ActionStepApi[] } | null): ActionFormState {
  if (!action) return { name: '', description: '', steps: [newStep('event')] };
  return { name: action.name, description: action.description, steps: action.steps.map(stepFromApi) };
}

/** The form of a stored step. Example: stepFromApi({ event: '$pageview', url: '/pricing', … }).kind === 'pageview' */
export function stepFromApi(step: Partial<ActionStepApi>): StepForm {
  const kind: StepKind = step.event === '$pageview' ? 'pageview' : step.event === '$autocapture' ? 'autocapture' : 'event';
  return {
    ...newStep(kind),
    event: kind === 'event' ? (step.event ?? '') : '',
    url: step.url ?? '',
    urlMatching: step.url_matching ?? 'contains',
    text: step.text ?? '',
    textMatching: step.text_matching ?? 'exact',
    href: step.href ?? '',
    hrefMatching: step.href_matching ?? 'exact',
    selector: step.selector ?? '',
    tagName: step.tag_name ?? '',
    properties: (step.properties ?? []).map((p) => ({ ...p, type: p.type ?? 'event' }) as PropertyFilter),
  };
}

/**
 * The step as the API takes it: every field, null when unused by the kind or left empty.
 * Example: stepToApi({ ...newStep('pageview'), url: '/pricing' }) -> { event: '$pageview', url: '/pricing', url_matching: 'contains', text: null, … }
 */
export function stepToApi(step: StepForm): ActionStepApi {
  const text = (value: string) => (value.trim() === '' ? null : value.trim());
  const element = step.kind === 'autocapture';
  const hasUrl = step.kind !== 'event' && text(step.url) !== null;
  return {
    event: step.kind === 'pageview' ? '$pageview' : step.kind === 'autocapture' ? '$autocapture' : text(step.event),
    url: hasUrl ? text(step.url) : null,
    url_matching: hasUrl ? step.urlMatching : null,
    text: element ? text(step.text) : null,
    text_matching: element && text(step.text) !== null ? step.textMatching : null,
    href: element ? text(step.href) : null,
    href_matching: element && text(step.href) !== null ? step.hrefMatching : null,
    selector: element ? text(step.selector) : null,
    tag_name: element ? text(step.tagName) : null,
    properties: step.properties.filter((p) => p.key.trim() !== '') as ActionStepPropertyApi[],
  };
}

/** The body of a create or update. */
export function actionBody(state: ActionFormState): { name: string; description: string; steps: ActionStepApi[] } {
  return { name: state.name.trim(), description: state.description, steps: state.steps.map(stepToApi) };
}

/** What must be fixed before saving, one sentence each. */
export function actionProblems(state: ActionFormState): string[] {
  const problems: string[] = [];
  if (state.name.trim() === '') problems.push('Give the action a name.');
  if (state.steps.length === 0) problems.push('Add at least one step.');
  state.steps.forEach((step, i) => {
    if (step.kind === 'event' && step.event.trim() === '') problems.push(`Step ${i + 1}: name the event.`);
    if (step.kind === 'autocapture' && [step.text, step.href, step.selector, step.url, step.tagName].every((v) => v.trim() === '') && step.properties.length === 0) {
      problems.push(`Step ${i + 1}: describe the element (text, link, selector or URL), or every autocaptured click would match.`);
    }
    for (const [value, matching, field] of [
      [step.url, step.urlMatching, 'URL'],
      [step.text, step.textMatching, 'text'],
      [step.href, step.hrefMatching, 'link'],
    ] as const) {
      if (matching === 'regex' && value.trim() !== '' && !validRegex(value.trim())) problems.push(`Step ${i + 1}: the ${field} is not a valid regular expression.`);
    }
  });
  return problems;
}

/**
 * A step in a few words, for lists. Example: stepSummary({ event: '$pageview', url: '/pricing', url_matching: 'contains', … })
 *   -> 'Pageview where URL contains “/pricing”'
 */
export function stepSummary(step: ActionStepApi): string {
  const parts: string[] = [];
  const match = (what: string, value: string | null, matching: StepMatching | null) => {
    if (value) parts.push(`${what} ${MATCHING_LABELS[matching ?? 'exact']} “${value}”`);
  };
  match('text', step.text, step.text_matching);
  match('link', step.href, step.href_matching);
  if (step.selector) parts.push(`selector ${step.selector}`);
  if (step.tag_name) parts.push(`tag ${step.tag_name}`);
  match('URL', step.url, step.url_matching ?? 'contains');
  const filters = step.properties?.length ?? 0;
  if (filters > 0) parts.push(`${filters} property ${filters === 1 ? 'filter' : 'filters'}`);
  const head = step.event === '$pageview' ? 'Pageview' : step.event === '$autocapture' ? 'Autocapture' : (step.event ?? 'Any event');
  return parts.length === 0 ? head : `${head} where ${parts.join(', ')}`;
}

/** All steps of an action in one line: they are OR-ed. */
export function stepsSummary(steps: ActionStepApi[]): string {
  return steps.length === 0 ? 'No steps' : steps.map(stepSummary).join(' or ');
}

function validRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
