import { useQuery } from '@tanstack/react-query';
import { ANY_VIEW_QUERY } from './web-queries';
import { useWebQueryRunner } from './web-query-runner';

const WAIT_INTERVAL_MS = 5_000;

/**
 * Whether the project has had any pageview: always asked afresh (a cached "no" would hide the first arrival for
 * hours), and asked again every few seconds while the answer is no, so the page fills in when the snippet starts working.
 */
export function useHasViews() {
  const runner = useWebQueryRunner();
  return useQuery({
    queryKey: ['web-analytics', 'has-views', runner.key],
    queryFn: async ({ signal }) => {
      const response = await runner.run(ANY_VIEW_QUERY, signal, 'force_async');
      return Array.isArray(response.results) && response.results.length > 0;
    },
    refetchInterval: (query) => (query.state.data === false ? WAIT_INTERVAL_MS : false),
    staleTime: Infinity,
    retry: false,
  });
}
