import { useQuery } from '@tanstack/react-query';
import { formatCount } from './web-format';
import { LIVE_MINUTES, LIVE_QUERY, liveCount } from './web-queries';
import { useWebQueryRunner } from './web-query-runner';

/** Often enough to feel live, rarely enough for a page left open all day; paused while the tab is hidden. */
export const LIVE_REFRESH_MS = 5_000;

/** Visitors and pageviews of the last half hour, counted afresh every few seconds without a reload. */
export function LiveCount() {
  const runner = useWebQueryRunner();
  const live = useQuery({
    queryKey: ['web-analytics', 'live', runner.key],
    // Always computed for members (never a cached answer): the point is what happened in the last seconds. A public
    // link gets the server's cached count, fresh within PostHog's cache rules.
    queryFn: async ({ signal }) => liveCount(await runner.run(LIVE_QUERY, signal, 'force_async')),
    refetchInterval: LIVE_REFRESH_MS,
    refetchIntervalInBackground: false,
    retry: false,
  });
  if (!live.data) return null;
  const { visitors, pageviews } = live.data;
  return (
    <section className="web-live" aria-label="Live">
      <span className="web-live-dot" aria-hidden="true" />
      <strong>{formatCount(visitors)}</strong> {visitors === 1 ? 'visitor' : 'visitors'} and <strong>{formatCount(pageviews)}</strong>{' '}
      {pageviews === 1 ? 'pageview' : 'pageviews'} <span className="muted">in the last {LIVE_MINUTES} minutes</span>
    </section>
  );
}
