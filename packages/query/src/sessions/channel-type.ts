import type { Expr } from '../sql/ast.js';
import { call, constant } from '../sql/build.js';
import definitions from './channel-definitions.json' with { type: 'json' };

/** What a session's channel is worked out from: its entry event's attribution fields (SQL expressions, any may be NULL). */
export interface ChannelInputs {
  utmSource: Expr;
  utmMedium: Expr;
  utmCampaign: Expr;
  /** `$referring_domain` of the entry event: `$direct` when the visit had no referrer. */
  referringDomain: Expr;
  gclid: Expr;
  gadSource: Expr;
  fbclid: Expr;
}

/** Every channel a session can have, as PostHog names them. */
export const CHANNEL_TYPES = [
  'Cross Network', 'Paid Search', 'Paid Social', 'Paid Video', 'Paid Shopping', 'Paid Unknown', 'Direct', 'Organic Search',
  'Organic Social', 'Organic Video', 'Organic Shopping', 'Push', 'SMS', 'Audio', 'Email', 'Referral', 'Affiliate', 'Display',
  'Unknown',
] as const;

const PAID_MEDIUMS = ['cpc', 'cpm', 'cpv', 'cpa', 'ppc', 'retargeting'];
const DIRECT_SOURCES = ['(direct)', 'direct', '$direct'];
const SHOPPING_CAMPAIGN = '^(.*(([^a-df-z]|^)shop|shopping).*)$';
const VIDEO_CAMPAIGN = '^(.*video.*)$';

type Categories = Record<string, { paid: string; organic: string }>;
const categories = definitions.categories as Categories;
const sourceEntries = Object.entries(definitions.sources as Record<string, string>);
const domainEntries = Object.entries(definitions.domains as Record<string, string>);
const mediumEntries = Object.entries(definitions.mediums as Categories);

const NULL = constant(null);
const str = (value: string) => constant(value);

/** `transform(x, from, to, NULL)`, NULL when x is: a lookup in bound arrays. */
function lookup(value: Expr, from: string[], to: string[]): Expr {
  return call('if', call('isNull', value), NULL, call('transform', call('assumeNotNull', value), constant(from, 'Array(String)'), constant(to, 'Array(String)'), NULL));
}

/** A category (`search`, `social`, …) to its paid or organic channel. */
function categoryChannel(category: Expr, paid: boolean): Expr {
  const names = Object.keys(categories);
  return lookup(category, names, names.map((n) => (paid ? categories[n]!.paid : categories[n]!.organic)));
}

/** The category of a referring domain: the whole domain (www. dropped) first, then its brand label (google.co.uk: google). */
function domainCategory(domain: Expr): Expr {
  const bare = call('replaceRegexpOne', domain, str('^www\\.'), str(''));
  const brand = call('arrayElement', call('splitByChar', str('.'), call('cutToFirstSignificantSubdomain', bare)), constant(1, 'Int64'));
  return call(
    'coalesce',
    lookup(bare, domainEntries.map(([k]) => k), domainEntries.map(([, v]) => v)),
    lookup(call('nullIf', brand, str('')), sourceEntries.map(([k]) => k), sourceEntries.map(([, v]) => v)),
  );
}

const lowerOrNull = (e: Expr) => call('lower', call('nullIf', call('nullIf', e, str('')), str('null')));
const present = (e: Expr) => call('isNotNull', call('nullIf', call('nullIf', e, str('')), str('null')));
const matches = (e: Expr, pattern: string) => call('ifNull', call('match', e, str(pattern)), constant(0, 'UInt8'));

/**
 * The session's channel type as a SQL expression, by PostHog's published rules (a cross-network campaign; paid when
 * the medium says so or an ad click id is present; direct without referrer or attribution; otherwise organic), with
 * the source, domain and medium lists read from channel-definitions.json and bound as parameters.
 * @example channelTypeExpr({ utmSource: column(undefined, 's'), … }) // multiIf(match(…'cross-network'…), 'Cross Network', …)
 */
export function channelTypeExpr(inputs: ChannelInputs): Expr {
  const source = lowerOrNull(inputs.utmSource);
  const medium = lowerOrNull(inputs.utmMedium);
  const campaign = lowerOrNull(inputs.utmCampaign);
  const domain = call('nullIf', inputs.referringDomain, str(''));
  const isDirectDomain = call('ifNull', call('equals', domain, str('$direct')), constant(0, 'UInt8'));
  const hasGclid = present(inputs.gclid);
  const hasFbclid = present(inputs.fbclid);
  const gadSource = call('nullIf', call('nullIf', inputs.gadSource, str('')), str('null'));
  const sourceCategory = lookup(source, sourceEntries.map(([k]) => k), sourceEntries.map(([, v]) => v));
  const referrerCategory = call('if', isDirectDomain, NULL, domainCategory(domain));
  const mediumChannel = (paid: boolean) => lookup(medium, mediumEntries.map(([k]) => k), mediumEntries.map(([, v]) => (paid ? v.paid : v.organic)));

  const isPaid = call(
    'or',
    call('ifNull', call('in', medium, constant(PAID_MEDIUMS, 'Array(String)')), constant(0, 'UInt8')),
    call('ifNull', call('startsWith', medium, str('paid')), constant(0, 'UInt8')),
    hasGclid,
    call('isNotNull', gadSource),
  );
  const paid = call(
    'coalesce',
    categoryChannel(sourceCategory, true),
    call('if', matches(campaign, SHOPPING_CAMPAIGN), str('Paid Shopping'), NULL),
    mediumChannel(true),
    categoryChannel(referrerCategory, true),
    call('multiIf', call('ifNull', call('equals', gadSource, str('1')), constant(0, 'UInt8')), str('Paid Search'), matches(campaign, VIDEO_CAMPAIGN), str('Paid Video'), hasFbclid, str('Paid Social'), str('Paid Unknown')),
  );
  const isDirect = call(
    'and',
    isDirectDomain,
    call('isNull', medium),
    call('or', call('isNull', source), call('ifNull', call('in', source, constant(DIRECT_SOURCES, 'Array(String)')), constant(0, 'UInt8'))),
    call('not', hasFbclid),
  );
  const organic = call(
    'coalesce',
    categoryChannel(sourceCategory, false),
    call('if', matches(campaign, SHOPPING_CAMPAIGN), str('Organic Shopping'), NULL),
    mediumChannel(false),
    categoryChannel(referrerCategory, false),
    call(
      'multiIf',
      matches(campaign, VIDEO_CAMPAIGN), str('Organic Video'),
      matches(medium, 'push$'), str('Push'),
      hasFbclid, str('Organic Social'),
      isDirectDomain, str('Direct'),
      call('isNotNull', domain), str('Referral'),
      str('Unknown'),
    ),
  );
  return call('multiIf', matches(campaign, 'cross-network'), str('Cross Network'), isPaid, paid, isDirect, str('Direct'), organic);
}
