/**
 * The lines a team pastes to point PostHog's SDKs at this Warren server: the browser loader for plain HTML and for
 * Flask/Jinja and Django templates (the seed tutorial's `base.html`), and the posthog-python / posthog-node set-up.
 * Shared by the server's first-start print-out and the web app's settings page, so both always say the same.
 */

export interface SnippetTarget {
  /** The project API key (`phc_…`). */
  token: string;
  /** Where this server is reached from the browser, without a trailing slash, e.g. `https://warren.example.com`. */
  host: string;
}

export interface SetupSnippets {
  html: string;
  flaskJinja: string;
  django: string;
  python: string;
  node: string;
}

const LOADER =
  '!function(t,e){var o,n,p,r;e.__SV||(window.posthog=e,e._i=[],e.init=function(i,s,a){function g(t,e){var o=e.split(".");2==o.length&&(t=t[o[0]],e=o[1]),t[e]=function(){t.push([e].concat(Array.prototype.slice.call(arguments,0)))}}(p=t.createElement("script")).type="text/javascript",p.crossOrigin="anonymous",p.async=!0,p.src=s.api_host+"/static/array.js",(r=t.getElementsByTagName("script")[0]).parentNode.insertBefore(p,r);var u=e;for(void 0!==a?u=e[a]=[]:a="posthog",u.people=u.people||[],u.toString=function(t){var e="posthog";return"posthog"!==a&&(e+="."+a),t||(e+=" (stub)"),e},u.people.toString=function(){return u.toString(1)+".people (stub)"},o="capture identify alias people.set people.set_once set_config register register_once unregister opt_out_capturing has_opted_out_capturing opt_in_capturing reset isFeatureEnabled onFeatureFlags getFeatureFlag getFeatureFlagPayload reloadFeatureFlags group updateEarlyAccessFeatureEnrollment getEarlyAccessFeatures getActiveMatchingSurveys getSurveys onSessionId".split(" "),n=0;n<o.length;n++)g(u,o[n]);e._i.push([i,s,a])},e.__SV=1)}(document,window.posthog||[]);';

/**
 * Quotes a value for a single-quoted JavaScript or Python string literal (the web app's flag and experiment snippets
 * use it too). Example: quoted("it's") → 'it\'s'
 */
export function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * PostHog's loader snippet pointed at this server (which serves `/static/array.js` itself).
 * Example: htmlSnippet({ token: 'phc_x', host: 'http://localhost:8000' }).includes("api_host: 'http://localhost:8000'")
 */
export function htmlSnippet(target: SnippetTarget): string {
  return `<script>
    ${LOADER}
    posthog.init(${quoted(target.token)}, { api_host: ${quoted(target.host)}, person_profiles: 'identified_only' })
</script>`;
}

/**
 * Every set-up snippet for one project. The template variants identify the signed-in user as the seed tutorial does
 * (an anonymous id kept in the session, aliased to the user's id at login by the server, so the page only identifies).
 * Example: setupSnippets({ token, host }).python
 */
export function setupSnippets(target: SnippetTarget): SetupSnippets {
  const html = htmlSnippet(target);
  const identifyJinja = `{% if current_user.is_authenticated %}
<script>posthog.identify('{{ current_user.id }}')</script>
{% endif %}`;
  const identifyDjango = `{% if user.is_authenticated %}
<script>posthog.identify('{{ user.id }}')</script>
{% endif %}`;
  return {
    html,
    flaskJinja: `{# templates/base.html, inside <head> #}\n${html}\n${identifyJinja}`,
    django: `{# templates/base.html, inside <head> #}\n${html}\n${identifyDjango}`,
    python: `# pip install posthog
from posthog import Posthog

posthog = Posthog(${quoted(target.token)}, host=${quoted(target.host)})

posthog.capture('user signed up', distinct_id=str(user.id))`,
    node: `// npm install posthog-node
import { PostHog } from 'posthog-node'

const posthog = new PostHog(${quoted(target.token)}, { host: ${quoted(target.host)} })

posthog.capture({ distinctId: String(user.id), event: 'user signed up' })
await posthog.shutdown()`,
  };
}
