import type { ProjectApi, ProjectSettingsPatch } from '@warren/shared/projects-api';

/** A project setting shown as an on/off switch: what the user reads, and which stored field it sets (maybe inverted). */
export interface ProjectToggle {
  field: 'anonymize_ips' | 'autocapture_opt_out' | 'session_recording_opt_in' | 'capture_console_log_opt_in' | 'capture_performance_opt_in';
  label: string;
  description: string;
  /** True when "on" in the screen means `false` in the API (PostHog stores autocapture as an opt-out). */
  inverted: boolean;
}

export const PROJECT_TOGGLES: readonly ProjectToggle[] = [
  {
    field: 'anonymize_ips',
    label: 'Discard client IP data',
    description: 'Drop the IP address of every incoming event before it is stored; no GeoIP properties are derived from it.',
    inverted: false,
  },
  {
    field: 'autocapture_opt_out',
    label: 'Autocapture',
    description: 'posthog-js captures page views, clicks and form submits without extra code.',
    inverted: true,
  },
  {
    field: 'session_recording_opt_in',
    label: 'Session replay',
    description: 'posthog-js records sessions so they can be watched back.',
    inverted: false,
  },
];

/** Session replay's on/off capture settings, shown in the replay section. */
export const REPLAY_TOGGLES: readonly ProjectToggle[] = [
  {
    field: 'capture_console_log_opt_in',
    label: 'Record console logs',
    description: "The browser console's logs, warnings and errors are recorded with each session.",
    inverted: false,
  },
  {
    field: 'capture_performance_opt_in',
    label: 'Record network timings',
    description: 'Each network request the page makes is recorded with its URL and timings.',
    inverted: false,
  },
];

/** Whether a toggle shows as on for this project. Example: toggleIsOn(autocapture, { autocapture_opt_out: false }) === true */
export function toggleIsOn(toggle: ProjectToggle, project: Pick<ProjectApi, ProjectToggle['field']>): boolean {
  return toggle.inverted ? !project[toggle.field] : project[toggle.field];
}

/** The PATCH body that turns a toggle on or off. Example: togglePatch(autocapture, false) → { autocapture_opt_out: true } */
export function togglePatch(toggle: ProjectToggle, on: boolean): ProjectSettingsPatch {
  return { [toggle.field]: toggle.inverted ? !on : on };
}

export interface TimezoneGroup {
  /** The region (`America`, `Europe`, …), or `Other` for names without one such as `UTC`. */
  region: string;
  zones: string[];
}

/**
 * The timezones to offer, grouped by region for a shorter select: the browser's list (`Intl.supportedValuesOf`),
 * plus UTC (some browsers leave it out) and the project's current value (which may be an alias the browser does not
 * list, and must stay selectable). Example: timezoneGroups(['Europe/Berlin'], 'UTC')[0] → { region: 'Europe', zones: ['Europe/Berlin'] }
 */
export function timezoneGroups(supported: readonly string[], current: string): TimezoneGroup[] {
  const all = [...new Set([...supported, 'UTC', current].filter((z) => z !== ''))].sort();
  const groups = new Map<string, string[]>();
  for (const zone of all) {
    const slash = zone.indexOf('/');
    const region = slash > 0 ? zone.slice(0, slash) : 'Other';
    groups.set(region, [...(groups.get(region) ?? []), zone]);
  }
  return [...groups].map(([region, zones]) => ({ region, zones })).sort((a, b) => (a.region === 'Other' ? 1 : b.region === 'Other' ? -1 : a.region.localeCompare(b.region)));
}

/** The browser's IANA timezones, or an empty list on a browser without `Intl.supportedValuesOf`. */
export function browserTimezones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
}

/** A trimmed project name, or the reason it cannot be saved (the server's rules: not blank, at most 200 characters). */
export function projectNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'The name cannot be blank.';
  if (trimmed.length > 200) return 'The name can have at most 200 characters.';
  return null;
}
