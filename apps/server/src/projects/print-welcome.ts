import type { Config } from '../platform/config.js';
import type { BootstrapResult } from './bootstrap-install.js';

/** Prints the project token and the snippet to paste; on first start only the full snippet, later one line. */
export function printWelcome(bootstrap: BootstrapResult, config: Config, address: string): void {
  const host = config.siteUrl ?? address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  const lines = [
    `Warren is listening on ${host} (data in ${config.dataDir})`,
    `Project ${bootstrap.projectId} API key: ${bootstrap.projectToken}`,
  ];
  if (bootstrap.projectSecretKey) {
    lines.push(`Project ${bootstrap.projectId} secret key (shown once; server SDKs' local flag evaluation): ${bootstrap.projectSecretKey}`);
  }
  if (bootstrap.created) {
    lines.push(
      '',
      'Paste this into the <head> of your pages:',
      '',
      snippet(bootstrap.projectToken, host),
      '',
      'Server side (posthog-python):  posthog.api_key = ' + `'${bootstrap.projectToken}'; posthog.host = '${host}'`,
      `Server side (posthog-node):    new PostHog('${bootstrap.projectToken}', { host: '${host}' })`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}

/** PostHog's loader snippet, pointed at this server (it serves /static/array.js itself). */
export function snippet(token: string, host: string): string {
  return `<script>
    !function(t,e){var o,n,p,r;e.__SV||(window.posthog=e,e._i=[],e.init=function(i,s,a){function g(t,e){var o=e.split(".");2==o.length&&(t=t[o[0]],e=o[1]),t[e]=function(){t.push([e].concat(Array.prototype.slice.call(arguments,0)))}}(p=t.createElement("script")).type="text/javascript",p.crossOrigin="anonymous",p.async=!0,p.src=s.api_host+"/static/array.js",(r=t.getElementsByTagName("script")[0]).parentNode.insertBefore(p,r);var u=e;for(void 0!==a?u=e[a]=[]:a="posthog",u.people=u.people||[],u.toString=function(t){var e="posthog";return"posthog"!==a&&(e+="."+a),t||(e+=" (stub)"),e},u.people.toString=function(){return u.toString(1)+".people (stub)"},o="capture identify alias people.set people.set_once set_config register register_once unregister opt_out_capturing has_opted_out_capturing opt_in_capturing reset isFeatureEnabled onFeatureFlags getFeatureFlag getFeatureFlagPayload reloadFeatureFlags group updateEarlyAccessFeatureEnrollment getEarlyAccessFeatures getActiveMatchingSurveys getSurveys onSessionId".split(" "),n=0;n<o.length;n++)g(u,o[n]);e._i.push([i,s,a])},e.__SV=1)}(document,window.posthog||[]);
    posthog.init('${token}', { api_host: '${host}', person_profiles: 'identified_only' })
</script>`;
}
