import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { QueryResponse } from '../api/run-query';
import type { InsightQuery } from '../insights/kinds/insight-kind';
import { oldestRefresh } from './tile-content';

/**
 * How fresh the dashboard's tiles are: whether any of them is calculating, and the oldest `last_refresh` among the
 * results they show (a tile answered from the cache can be older than the page). Reads the results the tiles'
 * `useQueryResult` calls keep under `['query', projectId, JSON.stringify(query), refreshKey]` (api/run-query.ts).
 */
export function useTilesFreshness(projectId: number, queries: readonly InsightQuery[], refreshKey: number) {
  const client = useQueryClient();
  const fetching = useIsFetching({ queryKey: ['query', projectId] });
  // Re-read every half minute so "2 minutes ago" keeps telling the truth.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  const times = queries.map((q) => client.getQueryData<QueryResponse>(['query', projectId, JSON.stringify(q), refreshKey])?.last_refresh);
  return { refreshing: fetching > 0, lastRefresh: oldestRefresh(times) };
}
