import type { TilePlacement } from './tile-repository.js';

/** One insight a template puts on a new dashboard, and where. */
export interface TemplateTile extends TilePlacement {
  name: string;
  description: string;
  query: Record<string, unknown>;
}

const pageviews = { kind: 'EventsNode', event: '$pageview', name: '$pageview', math: 'dau' };
const viz = (source: Record<string, unknown>) => ({ kind: 'InsightVizNode', source });
const at = (x: number, y: number) => ({ sm: { x, y, w: 6, h: 5, minW: 3, minH: 5 }, xs: { x: 0, y: y * 2 + x, w: 1, h: 5 } });

/**
 * Built-in dashboard templates for `use_template` (PostHog's templates are a database table; Warren ships the
 * product-analytics starter under PostHog's key for it).
 */
const TEMPLATES: Readonly<Record<string, readonly TemplateTile[]>> = {
  DEFAULT_APP: [
    {
      name: 'Daily active users (DAUs)',
      description: 'Shows the number of unique users that use your app every day.',
      query: viz({ kind: 'TrendsQuery', series: [pageviews], interval: 'day', dateRange: { date_from: '-30d' }, trendsFilter: { display: 'ActionsLineGraph' } }),
      layouts: at(0, 0),
      color: 'blue',
    },
    {
      name: 'Weekly active users (WAUs)',
      description: 'Shows the number of unique users that use your app every week.',
      query: viz({ kind: 'TrendsQuery', series: [pageviews], interval: 'week', dateRange: { date_from: '-90d' }, trendsFilter: { display: 'ActionsLineGraph' } }),
      layouts: at(6, 0),
      color: 'green',
    },
    {
      name: 'Retention',
      description: 'Weekly retention of your users.',
      query: viz({
        kind: 'RetentionQuery',
        retentionFilter: { period: 'Week', totalIntervals: 8, targetEntity: { id: '$pageview', type: 'events' }, returningEntity: { id: '$pageview', type: 'events' }, retentionType: 'retention_first_time' },
        dateRange: { date_from: '-7w' },
      }),
      layouts: at(0, 5),
      color: 'blue',
    },
    {
      name: 'Growth accounting',
      description: 'How many of your users are new, returning, resurrecting, or dormant each week.',
      query: viz({ kind: 'LifecycleQuery', series: [{ kind: 'EventsNode', event: '$pageview', name: '$pageview' }], interval: 'week', dateRange: { date_from: '-30d' } }),
      layouts: at(6, 5),
      color: 'purple',
    },
    {
      name: 'Referring domain (last 14 days)',
      description: 'Shows the most common referring domains for your users over the past 14 days.',
      query: viz({
        kind: 'TrendsQuery',
        series: [pageviews],
        interval: 'day',
        dateRange: { date_from: '-14d' },
        breakdownFilter: { breakdown: '$referring_domain', breakdown_type: 'event' },
        trendsFilter: { display: 'ActionsBarValue' },
      }),
      layouts: at(0, 10),
      color: 'black',
    },
  ],
};

/** The tiles of a built-in template, or undefined for an unknown key. Example: templateTiles('DEFAULT_APP')?.length // 5 */
export function templateTiles(key: string): readonly TemplateTile[] | undefined {
  return Object.hasOwn(TEMPLATES, key) ? TEMPLATES[key] : undefined;
}
