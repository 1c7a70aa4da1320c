import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError, api } from './api-client';

interface QueryStatus {
  id: string;
  complete: boolean;
  error: boolean;
  error_message: string | null;
  results: unknown;
}

/** Any query response: its kind-specific fields plus PostHog's cache fields. */
export type QueryResponse = Record<string, any> & { results?: any; is_cached?: boolean; last_refresh?: string };

const POLL_INTERVAL_MS = 400;

/**
 * Runs a `/query/` request the way PostHog's app does: asynchronously (`refresh: 'async'`, answered at once when the
 * cache holds it), then polls `GET /query/:id/` until done. Aborting the signal cancels the query on the server too.
 * Example: await runQuery(1, { kind: 'TrendsQuery', series: [...] }, signal)
 */
export async function runQuery(projectId: number, query: unknown, signal?: AbortSignal, refresh: 'async' | 'force_async' = 'async'): Promise<QueryResponse> {
  const clientQueryId = crypto.randomUUID();
  const base = `/api/projects/${projectId}/query/`;
  // Cancelled while the first request is still out: the server may already be computing under our id, so ask it to
  // stop too (a query it never started answers 404, which is fine).
  const cancelEarly = () => void api.delete(`${base}${clientQueryId}/`).catch(() => undefined);
  signal?.addEventListener('abort', cancelEarly, { once: true });
  let first: QueryResponse & { query_status?: QueryStatus | null };
  try {
    first = await api.post<QueryResponse & { query_status?: QueryStatus | null }>(base, { query, refresh, client_query_id: clientQueryId }, signal);
  } finally {
    signal?.removeEventListener('abort', cancelEarly);
  }
  // A cache hit (even one refreshing in the background) carries its results; a miss carries only the query status.
  if (first.results !== undefined) return first;
  const id = first.query_status?.id ?? clientQueryId;
  const cancel = () => void api.delete(`${base}${id}/`).catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      await sleep(POLL_INTERVAL_MS, signal);
      // A query that finished with an error answers 400/500, which arrives here as an ApiError with its message.
      const status = (await api.get<{ query_status: QueryStatus }>(`${base}${id}/`, undefined, signal)).query_status;
      if (status.complete) {
        if (status.error) throw new ApiError(400, 'query_error', status.error_message ?? 'The query failed.', null);
        return status.results as QueryResponse;
      }
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Cancelled', 'AbortError'));
    });
  });
}

/**
 * A query's result for a component, with progress and cancel: `elapsedMs` counts while it runs, `cancel()` stops it
 * (client and server). `enabled: false` holds it back (e.g. until the builder has a valid query).
 */
export function useQueryResult(projectId: number, query: unknown, options: { enabled?: boolean; refreshKey?: number } = {}) {
  const client = useQueryClient();
  const key = ['query', projectId, JSON.stringify(query), options.refreshKey ?? 0];
  const result = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => runQuery(projectId, query, signal, options.refreshKey ? 'force_async' : 'async'),
    enabled: options.enabled ?? true,
    staleTime: 60_000,
    retry: false,
  });
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!result.isFetching) {
      setStartedAt(null);
      return;
    }
    setStartedAt(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [result.isFetching]);
  return {
    ...result,
    elapsedMs: startedAt === null ? 0 : Math.max(0, now - startedAt),
    cancel: () => void client.cancelQueries({ queryKey: key }),
  };
}
