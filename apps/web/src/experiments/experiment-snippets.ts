import { quoted } from '@warren/shared/setup-snippets';
import type { SdkSnippets } from '../components/SdkCode';

/** What the experiment's code snippets need to know. */
export interface SnippetExperiment {
  flagKey: string;
  /** Variant keys, control first. */
  variants: string[];
  /** A custom exposure event the code must send, or null for `$feature_flag_called` (the SDKs send it themselves). */
  exposureEvent: string | null;
  /** Events the metrics count, which the code must capture for results to show. */
  metricEvents: string[];
}

/**
 * How to run the experiment from posthog-js, posthog-node and posthog-python: read the variant (which sends the
 * `$feature_flag_called` exposure), branch on each variant, send a custom exposure event if the experiment uses one,
 * and capture the metric events.
 * Example: experimentSnippets({ flagKey: 'checkout', variants: ['control', 'test'], exposureEvent: null, metricEvents: ['purchase'] }).js contains "posthog.getFeatureFlag('checkout') === 'test'"
 */
export function experimentSnippets(experiment: SnippetExperiment): SdkSnippets {
  return { js: jsSnippet(experiment), node: nodeSnippet(experiment), python: pythonSnippet(experiment) };
}

/** How a language spells a branch over the variants. */
interface BranchSyntax {
  test: (variant: string) => string;
  open: string;
  elseIf: string;
  close: string;
  otherwise: string;
  comment: string;
}

/** The `if / else if / else` over the variants, control last (the default branch), each line after `indent`. */
function branches(variants: string[], syntax: BranchSyntax, indent = ''): string[] {
  const lines = variants.slice(1).flatMap((variant, i) => [`${indent}${i === 0 ? syntax.open : syntax.elseIf}${syntax.test(variant)}${syntax.close}`, `${indent}    ${syntax.comment} the ${variant} variant`]);
  lines.push(`${indent}${syntax.otherwise}`, `${indent}    ${syntax.comment} ${variants[0] ?? 'control'}: what users see today`);
  return lines;
}

function unique(events: string[]): string[] {
  return [...new Set(events.map((e) => e.trim()).filter((e) => e !== '' && !e.startsWith('$')))];
}

const JS_SYNTAX = { open: 'if (', elseIf: '} else if (', close: ') {', otherwise: '} else {', comment: '//' };

function jsSnippet({ flagKey, variants, exposureEvent, metricEvents }: SnippetExperiment): string {
  const k = quoted(flagKey);
  const lines = [
    '// Reading the flag records the exposure ($feature_flag_called); flags load asynchronously',
    'posthog.onFeatureFlags(() => {',
    ...branches(variants, { ...JS_SYNTAX, test: (v) => `posthog.getFeatureFlag(${k}) === ${quoted(v)}` }, '    '),
    '    }',
  ];
  if (exposureEvent) lines.push(`    posthog.capture(${quoted(exposureEvent)})  // the experiment's exposure event`);
  lines.push('})');
  const events = unique(metricEvents);
  if (events.length) lines.push('', '// Where your metrics happen', ...events.map((e) => `posthog.capture(${quoted(e)})`));
  return lines.join('\n');
}

function nodeSnippet({ flagKey, variants, exposureEvent, metricEvents }: SnippetExperiment): string {
  const k = quoted(flagKey);
  const lines = [
    '// Sends $feature_flag_called (the exposure) for this person',
    `const variant = await posthog.getFeatureFlag(${k}, distinctId)`,
    '',
    ...branches(variants, { ...JS_SYNTAX, test: (v) => `variant === ${quoted(v)}` }),
    '}',
  ];
  if (exposureEvent) lines.push(`posthog.capture({ distinctId, event: ${quoted(exposureEvent)} })`);
  const events = unique(metricEvents);
  if (events.length) lines.push('', '// Where your metrics happen', ...events.map((e) => `posthog.capture({ distinctId, event: ${quoted(e)} })`));
  return lines.join('\n');
}

function pythonSnippet({ flagKey, variants, exposureEvent, metricEvents }: SnippetExperiment): string {
  const k = quoted(flagKey);
  const lines = [
    '# Sends $feature_flag_called (the exposure) for this person',
    `variant = posthog.get_feature_flag(${k}, distinct_id)`,
    '',
    ...branches(variants, { test: (v) => `variant == ${quoted(v)}`, open: 'if ', elseIf: 'elif ', close: ':', otherwise: 'else:', comment: '#' }),
  ];
  // Every Python branch needs a statement.
  const withPass = lines.flatMap((line) => (line.startsWith('    #') ? [line, '    pass'] : [line]));
  if (exposureEvent) withPass.push(`posthog.capture(distinct_id=distinct_id, event=${quoted(exposureEvent)})`);
  const events = unique(metricEvents);
  if (events.length) withPass.push('', '# Where your metrics happen', ...events.map((e) => `posthog.capture(distinct_id=distinct_id, event=${quoted(e)})`));
  return withPass.join('\n');
}
