import type { FastifyRequest } from 'fastify';
import { absoluteUrl } from './project-route.js';

export const DEFAULT_PAGE_SIZE = 100;

export interface Page {
  limit: number;
  offset: number;
}

/** `limit` and `offset` of a list request (already validated by the route schema), with PostHog's default of 100. */
export function pageOf(query: { limit?: number; offset?: number }): Page {
  return { limit: query.limit ?? DEFAULT_PAGE_SIZE, offset: query.offset ?? 0 };
}

/**
 * DRF's `next` / `previous`: absolute URLs on the host the client used, keeping the other query parameters.
 * Example: pageLinks(request, { limit: 100, offset: 0 }, true) -> { next: 'http://h/api/…?limit=100&offset=100', previous: null }.
 */
export function pageLinks(request: FastifyRequest, page: Page, hasMore: boolean): { next: string | null; previous: string | null } {
  const path = request.url.split('?')[0];
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.query as Record<string, unknown>)) if (v !== undefined && k !== 'limit' && k !== 'offset') kept[k] = String(v);
  const at = (offset: number) => absoluteUrl(request, `${path}?${new URLSearchParams({ ...kept, limit: String(page.limit), offset: String(offset) })}`);
  return {
    next: hasMore ? at(page.offset + page.limit) : null,
    previous: page.offset > 0 ? at(Math.max(0, page.offset - page.limit)) : null,
  };
}
