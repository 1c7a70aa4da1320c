/** What the benchmark asks a running Warren: its ingest gauges and counters, and how many events it has stored. */

export interface IngestGauges {
  lagSec: number;
  bufferEvents: number;
  /** `warren_events_accepted_total`: events the server acknowledged with 200. */
  acceptedTotal: number;
  flushedTotal: number;
  /** `warren_flush_duration_seconds` count and sum: flushes so far and the seconds they took. */
  flushCount: number;
  flushSec: number;
}

/** Reads the unlabelled ingest series from `/_metrics` (Prometheus text format). */
export async function readIngestGauges(url: string): Promise<IngestGauges> {
  const text = await (await fetch(`${url}/_metrics`)).text();
  const value = (name: string): number => {
    const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    return match ? Number(match[1]) : NaN;
  };
  return {
    lagSec: value('warren_ingestion_lag_seconds'),
    bufferEvents: value('warren_ingest_buffer_events'),
    acceptedTotal: value('warren_events_accepted_total'),
    flushedTotal: value('warren_events_flushed_total'),
    flushCount: value('warren_flush_duration_seconds_count'),
    flushSec: value('warren_flush_duration_seconds_sum'),
  };
}

/** `select count() from events` through the public query API, computed afresh (it is polled while events land). */
export async function storedEventCount(url: string, personalApiKey: string): Promise<number> {
  const res = await fetch(`${url}/api/projects/1/query/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${personalApiKey}` },
    body: JSON.stringify({ query: { kind: 'HogQLQuery', query: 'select count() from events' }, refresh: 'force_blocking' }),
  });
  const body = (await res.json()) as { results?: unknown[][] };
  if (!res.ok || !Array.isArray(body.results)) throw new Error(`count query failed: ${res.status} ${JSON.stringify(body)}`);
  return Number(body.results[0][0]);
}
