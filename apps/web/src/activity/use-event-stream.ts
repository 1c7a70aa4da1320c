import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventApi, EventsPageApi } from '@warren/shared/events-api';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/api-client';
import { liveAfter, liveLeavesGap, mergeEvents, olderBefore } from './event-stream-model';

/** Rows per page of older events: a screenful or two, quick to draw on a slow laptop. */
export const PAGE_SIZE = 50;
/** Often enough that a new event shows within seconds, rare enough to cost the server nothing. */
export const LIVE_INTERVAL_MS = 2_500;
const LIVE_LIMIT = 100;
/** Beyond this many live arrivals the list starts over from the newest page, so a busy stream never grows without end. */
const MAX_LIVE_ROWS = 500;

export type EventListQuery = Record<string, string | undefined>;

/**
 * A project's events for a list: the newest page, older pages on demand and, when `live`, new events merged in by a
 * check every few seconds for events after the newest shown. TanStack Query skips the checks while the tab is hidden
 * and makes one as soon as it is shown again.
 */
export function useEventStream(projectId: number, query: EventListQuery, options: { live: boolean }) {
  const client = useQueryClient();
  const filterKey = JSON.stringify(query);
  const pagesKey = ['events', projectId, filterKey];
  const path = `/api/projects/${projectId}/events/`;

  const pages = useInfiniteQuery({
    queryKey: pagesKey,
    queryFn: ({ pageParam, signal }) => api.get<EventsPageApi>(path, { ...query, limit: PAGE_SIZE, before: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => olderBefore(last.results, PAGE_SIZE),
    // The live checks keep the list current; refetching every loaded page on focus would only repeat them. Pages of
    // filters no longer shown are dropped at once: coming back to them must start from the newest events again.
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });

  // Live arrivals of the current filters (a change of filters starts them afresh).
  const [fresh, setFresh] = useState<{ key: string; events: EventApi[] }>({ key: filterKey, events: [] });
  const freshEvents = fresh.key === filterKey ? fresh.events : [];
  const paged = useMemo(() => (pages.data?.pages ?? []).flatMap((p) => p.results), [pages.data]);
  const events = useMemo(() => mergeEvents(freshEvents, paged), [freshEvents, paged]);
  const arrivedIds = useMemo(() => {
    const pagedIds = new Set(paged.map((e) => e.id));
    return new Set(freshEvents.filter((e) => !pagedIds.has(e.id)).map((e) => e.id));
  }, [freshEvents, paged]);
  const shown = useRef(events);
  shown.current = events;

  const live = useQuery({
    queryKey: [...pagesKey, 'live'],
    queryFn: ({ signal }) => api.get<EventsPageApi>(path, { ...query, limit: LIVE_LIMIT, after: liveAfter(shown.current) }, signal),
    enabled: options.live && pages.isSuccess,
    refetchInterval: options.live ? LIVE_INTERVAL_MS : false,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });

  useEffect(() => {
    const arrived = live.data?.results;
    if (!arrived) return;
    const merged = mergeEvents(arrived, freshEvents);
    if (liveLeavesGap(arrived, LIVE_LIMIT, shown.current) || merged.length > MAX_LIVE_ROWS) {
      setFresh({ key: filterKey, events: [] });
      void client.resetQueries({ queryKey: pagesKey, exact: true });
      return;
    }
    setFresh({ key: filterKey, events: merged });
  }, [live.data]);

  return {
    events,
    /** Events that came by a live check rather than with a page. */
    arrivedIds,
    /** True until the first page of these filters is in. */
    isLoading: pages.isPending,
    error: pages.error ?? live.error,
    hasOlder: pages.hasNextPage,
    loadOlder: () => void pages.fetchNextPage(),
    isLoadingOlder: pages.isFetchingNextPage,
    /** When the last live check answered (0 before the first). */
    checkedAt: live.dataUpdatedAt,
  };
}
