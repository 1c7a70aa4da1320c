/**
 * What a public web analytics link may ask: the queries the web analytics page itself sends, and nothing else. A
 * query is rebuilt from the fields the page uses (anything else is dropped), its filters must be the page's own
 * (equality on a property the page breaks down by), and the chart and live count must be exactly the page's, so a
 * viewer with the link sees the page's figures for any range and filter the page offers but cannot read persons,
 * other events, properties the page does not show, or run SQL of their own.
 */
import type { QueryNode } from '../query/query-request.js';

/** The properties the page filters on when a row is clicked (apps/web/src/web-analytics/web-breakdowns.ts). */
const FILTER_KEYS: Readonly<Record<'event' | 'session', ReadonlySet<string>>> = {
  event: new Set(['$pathname']),
  session: new Set([
    '$entry_pathname',
    '$exit_pathname',
    '$channel_type',
    '$entry_referring_domain',
    '$entry_utm_source',
    '$entry_utm_campaign',
    '$device_type',
    '$browser',
    '$os',
    '$geoip_country_code',
    '$geoip_subdivision_1_code',
    '$geoip_city_name',
  ]),
};

/** The chart's fixed filter: web traffic only (a session, not a bot). Not user input: matched exactly. */
const WEB_TRAFFIC_HOGQL = 'notEmpty($session_id) AND NOT session.$is_bot';

/** The page's two HogQL queries: the live count and "has this project any view". Matched exactly. */
const LIVE_COUNT_SQL =
  "SELECT uniq(person_id) AS visitors, countIf(event = '$pageview') AS pageviews FROM events " +
  "WHERE timestamp > now() - interval 30 minute AND (event = '$pageview' OR event = '$screen') AND ifNull(properties.$is_bot, '') != 'true'";
export const SHARED_HOGQL_QUERIES: ReadonlySet<string> = new Set([LIVE_COUNT_SQL, "SELECT 1 FROM events WHERE event = '$pageview' OR event = '$screen' LIMIT 1"]);

const MAX_TABLE_ROWS = 300;
const MAX_GOALS = 100;
const MAX_FILTERS = 20;
const MAX_VALUE_CHARS = 1000;
const MAX_DATE_CHARS = 40;

/**
 * `live`: the live count, computed afresh on every ask (a cheap read of the last half hour; a cached count would be
 * hours old). Everything else is answered from the cache while it is fresh, so a busy public link costs what one
 * member's page does.
 */
export type SharedWebQueryResult = { ok: true; query: QueryNode; live?: true } | { ok: false; detail: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const refuse = (detail: string): SharedWebQueryResult => ({ ok: false, detail });

/**
 * The query to run for a public link's viewer, rebuilt from what the page sends, or why it is refused.
 * Example: sharedWebQuery({ kind: 'WebOverviewQuery', dateRange: { date_from: '-7d' }, properties: [], filterTestAccounts: false })
 *   -> { ok: true, query: { kind: 'WebOverviewQuery', dateRange: { date_from: '-7d', date_to: null }, properties: [] } }
 */
export function sharedWebQuery(raw: unknown): SharedWebQueryResult {
  if (!isObj(raw)) return refuse('A query object is required.');
  if (raw.kind === 'HogQLQuery') {
    if (typeof raw.query === 'string' && SHARED_HOGQL_QUERIES.has(raw.query)) {
      return { ok: true, query: { kind: 'HogQLQuery', query: raw.query }, ...(raw.query === LIVE_COUNT_SQL && { live: true as const }) };
    }
    return refuse('Only the web analytics page’s own queries can be run through a shared link.');
  }
  if (raw.kind === 'TrendsQuery') return chartQuery(raw);
  const common = commonFields(raw);
  if (typeof common === 'string') return refuse(common);
  switch (raw.kind) {
    case 'WebOverviewQuery':
      return { ok: true, query: { kind: 'WebOverviewQuery', ...common } };
    case 'WebStatsTableQuery': {
      if (typeof raw.breakdownBy !== 'string' || raw.breakdownBy.length > 64) return refuse('breakdownBy is required.');
      const limit = boundedInt(raw.limit, MAX_TABLE_ROWS);
      if (limit === null) return refuse(`limit must be a whole number from 1 to ${MAX_TABLE_ROWS}.`);
      return { ok: true, query: { kind: 'WebStatsTableQuery', breakdownBy: raw.breakdownBy, ...common, includeBounceRate: raw.includeBounceRate === true, limit } };
    }
    case 'WebGoalsQuery': {
      const limit = boundedInt(raw.limit, MAX_GOALS);
      if (limit === null) return refuse(`limit must be a whole number from 1 to ${MAX_GOALS}.`);
      return { ok: true, query: { kind: 'WebGoalsQuery', ...common, limit } };
    }
    default:
      return refuse('Only the web analytics page’s own queries can be run through a shared link.');
  }
}

interface CommonFields {
  dateRange: { date_from: string; date_to: string | null };
  properties: Obj[];
  compareFilter?: { compare: boolean };
}

/** Range, filters and compare, as the page sends them; a string says what is wrong. */
function commonFields(raw: Obj): CommonFields | string {
  const range = raw.dateRange;
  if (!isObj(range) || typeof range.date_from !== 'string' || range.date_from.length > MAX_DATE_CHARS) return 'dateRange.date_from is required.';
  if (range.date_to !== undefined && range.date_to !== null && (typeof range.date_to !== 'string' || range.date_to.length > MAX_DATE_CHARS)) return 'dateRange.date_to must be a date.';
  const properties = pageFilters(raw.properties ?? []);
  if (typeof properties === 'string') return properties;
  const compare = isObj(raw.compareFilter) && raw.compareFilter.compare === true;
  return {
    dateRange: { date_from: range.date_from, date_to: typeof range.date_to === 'string' ? range.date_to : null },
    properties,
    ...(compare && { compareFilter: { compare: true } }),
  };
}

/** The page's filters: `exact` on one value, or `is_not_set`, of a property the page breaks down by. */
function pageFilters(raw: unknown): Obj[] | string {
  if (!Array.isArray(raw) || raw.length > MAX_FILTERS) return 'properties must be a list of the page’s filters.';
  const out: Obj[] = [];
  for (const f of raw) {
    if (!isObj(f) || (f.type !== 'event' && f.type !== 'session') || typeof f.key !== 'string' || !FILTER_KEYS[f.type].has(f.key)) {
      return 'A shared link filters only on the properties its page shows.';
    }
    if (f.operator === 'is_not_set') out.push({ type: f.type, key: f.key, operator: 'is_not_set', value: null });
    else if (f.operator === 'exact' && Array.isArray(f.value) && f.value.length === 1 && typeof f.value[0] === 'string' && f.value[0].length <= MAX_VALUE_CHARS) {
      out.push({ type: f.type, key: f.key, operator: 'exact', value: [f.value[0]] });
    } else return 'A shared link filters only on a value equal to a row’s.';
  }
  return out;
}

/** The visitors and pageviews chart, exactly as the page draws it, over the page's range and filters. */
function chartQuery(raw: Obj): SharedWebQueryResult {
  const series = raw.series;
  const expected = [
    ['Visitors', 'dau'],
    ['Pageviews', 'total'],
  ];
  const seriesOk =
    Array.isArray(series) &&
    series.length === expected.length &&
    series.every((s, i) => isObj(s) && s.kind === 'EventsNode' && s.event === '$pageview' && s.custom_name === expected[i]![0] && s.math === expected[i]![1]);
  if (!seriesOk) return refuse('Only the web analytics page’s own chart can be drawn through a shared link.');
  if (raw.interval !== 'hour' && raw.interval !== 'day') return refuse('interval must be hour or day.');
  // The chart's filters are the page's plus its fixed web-traffic expression, which pageFilters alone would refuse.
  const filters = Array.isArray(raw.properties) ? raw.properties : [];
  const traffic = filters.filter((f) => isObj(f) && f.type === 'hogql');
  if (traffic.length !== 1 || !isObj(traffic[0]) || traffic[0].key !== WEB_TRAFFIC_HOGQL) return refuse('Only the web analytics page’s own chart can be drawn through a shared link.');
  const page = commonFields({ ...raw, properties: filters.filter((f) => !(isObj(f) && f.type === 'hogql')) });
  if (typeof page === 'string') return refuse(page);
  return {
    ok: true,
    query: {
      kind: 'TrendsQuery',
      series: expected.map(([name, math]) => ({ kind: 'EventsNode', event: '$pageview', name: '$pageview', custom_name: name, math })),
      interval: raw.interval,
      dateRange: page.dateRange,
      properties: [...page.properties, { type: 'hogql', key: WEB_TRAFFIC_HOGQL, value: null }],
      trendsFilter: { display: 'ActionsLineGraph' },
      ...(page.compareFilter && { compareFilter: page.compareFilter }),
    },
  };
}

function boundedInt(value: unknown, max: number): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max ? value : null;
}
