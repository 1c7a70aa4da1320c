import type { CachedAge } from './cache-freshness.js';

/** One cached response: its JSON text (what the byte bound counts) and what staleness is judged on. */
export interface CacheEntry extends CachedAge {
  json: string;
  bytes: number;
}

export interface QueryCacheLimits {
  maxEntries: number;
  maxBytes: number;
  /** A larger response is not cached at all, so one huge result cannot flush everything else. */
  maxEntryBytes: number;
}

export const DEFAULT_CACHE_LIMITS: QueryCacheLimits = { maxEntries: 2_000, maxBytes: 64 * 1024 * 1024, maxEntryBytes: 8 * 1024 * 1024 };

/**
 * An in-memory LRU of query responses keyed by `cache_key`, bounded by entry count and by total bytes.
 * Example: cache.set('cache_ab…', { json, bytes, freshness: 'day', lastRefresh, dateTo: null }); cache.get('cache_ab…').
 */
export class QueryCache {
  private readonly entries = new Map<string, CacheEntry>();
  private totalBytes = 0;

  constructor(private readonly limits: QueryCacheLimits = DEFAULT_CACHE_LIMITS) {}

  get(key: string): CacheEntry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Map order is insertion order: moving a hit to the end keeps the least recently used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CacheEntry): void {
    this.delete(key);
    if (entry.bytes > this.limits.maxEntryBytes) return;
    this.entries.set(key, entry);
    this.totalBytes += entry.bytes;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxEntries && this.totalBytes <= this.limits.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }
}
