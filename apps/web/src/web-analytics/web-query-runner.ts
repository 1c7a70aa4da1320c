import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { ApiError, api } from '../api/api-client';
import { runQuery, type QueryResponse } from '../api/run-query';

/**
 * Where the page's queries go: the project's query API for its members, or a public link's own endpoint for anyone
 * holding the link (which runs only the page's queries, for that project only). The page's parts ask through
 * whichever the page provides, so the public page is the same page, read-only.
 */
export interface WebQueryRunner {
  /** Separates the answers of one source from another's in the client cache. */
  key: string;
  /** The project, for links into the rest of the app; null on a public link. */
  projectId: number | null;
  /** Runs a query; `force_async` computes afresh where the source allows it. */
  run(query: unknown, signal: AbortSignal | undefined, refresh: 'async' | 'force_async'): Promise<QueryResponse>;
}

export const WebQueryRunnerContext = createContext<WebQueryRunner | null>(null);

/** The project's query API, asynchronous with polling as everywhere in the app. */
export function projectRunner(projectId: number): WebQueryRunner {
  return { key: `project:${projectId}`, projectId, run: (query, signal, refresh) => runQuery(projectId, query, signal, refresh) };
}

/** How long a public page waits before asking again when the project is busy (the server's Retry-After). */
const BUSY_RETRY_MS = 2_000;
const BUSY_ATTEMPTS = 15;

/**
 * A public link's endpoint: answered blocking, from the server's cache when it is fresh (a viewer cannot force a
 * recompute). The page asks for a dozen answers at once and the project computes a few at a time; a request that
 * finds no free slot in time is a 429, asked again after the server's Retry-After.
 */
export function sharedRunner(accessToken: string): WebQueryRunner {
  const path = `/api/shared/${encodeURIComponent(accessToken)}/query/`;
  const run = async (query: unknown, signal: AbortSignal | undefined): Promise<QueryResponse> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await api.post<QueryResponse>(path, { query }, signal);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 429) || attempt >= BUSY_ATTEMPTS) throw error;
        await sleep(BUSY_RETRY_MS, signal);
      }
    }
  };
  return { key: `shared:${accessToken}`, projectId: null, run };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Cancelled', 'AbortError'));
    });
  });
}

/** The runner the page provides. */
export function useWebQueryRunner(): WebQueryRunner {
  const runner = useContext(WebQueryRunnerContext);
  if (!runner) throw new Error('useWebQueryRunner outside WebQueryRunnerContext');
  return runner;
}

/** One query of the page, cached a minute; a new `refreshKey` (Refresh pressed) computes it afresh. */
export function useWebQuery(query: unknown, { refreshKey = 0 }: { refreshKey?: number } = {}) {
  const runner = useWebQueryRunner();
  return useQuery({
    queryKey: ['web-query', runner.key, JSON.stringify(query), refreshKey],
    queryFn: ({ signal }) => runner.run(query, signal, refreshKey ? 'force_async' : 'async'),
    staleTime: 60_000,
    retry: false,
  });
}
