/** Days of events the action page counts matches over. */
export const MATCH_WINDOW_DAYS = 30;

/**
 * The query counting an action's matching events: a trends total (one number) over the window. EventsQuery takes no
 * action, and a trend of the action node applies exactly the matching insights use.
 * Example: matchingEventsQuery(7).series[0] -> { kind: 'ActionsNode', id: 7, math: 'total' }
 */
export function matchingEventsQuery(actionId: number) {
  return {
    kind: 'TrendsQuery',
    series: [{ kind: 'ActionsNode', id: actionId, math: 'total' }],
    dateRange: { date_from: `-${MATCH_WINDOW_DAYS}d` },
    interval: 'day',
    trendsFilter: { display: 'BoldNumber' },
  } as const;
}

/** The count in a BoldNumber trends response (0 when the action matched nothing). */
export function matchingEventsCount(response: { results?: unknown }): number {
  const first = Array.isArray(response.results) ? (response.results[0] as { aggregated_value?: unknown } | undefined) : undefined;
  return typeof first?.aggregated_value === 'number' ? first.aggregated_value : 0;
}
