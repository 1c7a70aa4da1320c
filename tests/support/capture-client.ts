import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { api, eventually, hogql } from './api-client.js';
import type { WarrenProcess } from './spawn-warren.js';

/** What a raw HTTP exchange with Warren returned; `json` is null when the body is not JSON. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
  /** True when the request went out on a keep-alive socket that an earlier request had used. */
  reusedSocket: boolean;
}

export interface RawRequest {
  method?: string;
  /** Path and query, e.g. `/batch/?compression=lz64`. */
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  agent?: http.Agent;
}

/**
 * Sends exactly the bytes given (no content type or encoding added unless asked), via node:http so that tests can
 * control headers that fetch would rewrite and observe keep-alive socket reuse.
 */
export function rawRequest(warren: WarrenProcess, request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: warren.port,
        method: request.method ?? 'POST',
        path: request.path,
        agent: request.agent ?? false,
        headers: { ...(body === undefined ? {} : { 'content-length': body.length }), ...request.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = text === '' ? null : JSON.parse(text);
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, reusedSocket: req.reusedSocket });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs a JSON body (given as text, so tests can send invalid JSON) to a capture path. */
export function postJsonText(warren: WarrenProcess, text: string | Buffer, path = '/batch/'): Promise<RawResponse> {
  return rawRequest(warren, { path, headers: { 'content-type': 'application/json' }, body: text });
}

/** POSTs `{api_key, batch}` to /batch/. */
export function postBatch(warren: WarrenProcess, batch: unknown[], extra: Record<string, unknown> = {}): Promise<RawResponse> {
  return postJsonText(warren, JSON.stringify({ api_key: warren.token, batch, ...extra }));
}

/** POSTs one event (with the token inside it) to /capture/, as older SDKs do. */
export function postSingleEvent(warren: WarrenProcess, event: Record<string, unknown>): Promise<RawResponse> {
  return postJsonText(warren, JSON.stringify({ api_key: warren.token, ...event }), '/capture/');
}

/** An event name no other test uses, so a query by name sees only this test's events. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Asserts a capture error answer: the status and PostHog's `{type, code, detail}` with a non-empty detail. */
export function assertCaptureError(res: RawResponse, status: number, code: string): void {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status} ${res.text.slice(0, 300)}`);
  assert.ok(res.json && typeof res.json === 'object', `error body is JSON: ${res.text.slice(0, 300)}`);
  assert.equal(res.json.code, code, `error code: ${res.text.slice(0, 300)}`);
  assert.equal(typeof res.json.type, 'string');
  assert.ok(typeof res.json.detail === 'string' && res.json.detail.length > 0, 'error has a detail');
}

/**
 * Sends a normal capture and checks it answers 200 (the server survived whatever came before). Returns the
 * event name: once it is stored, everything the server accepted before it is stored too (one log, flushed in order).
 */
export async function assertStillServing(warren: WarrenProcess): Promise<string> {
  const event = uniqueName('still-serving');
  const res = await postBatch(warren, [{ event, distinct_id: 'health-check-user' }]);
  assert.equal(res.status, 200, `a normal capture after the bad input answers 200, got ${res.status} ${res.text.slice(0, 300)}`);
  assert.deepEqual(res.json, { status: 1 });
  return event;
}

/** Rows of `select <columns> from events where event = <name>` (the name is bound as a string literal). */
export async function eventRows(warren: WarrenProcess, eventName: string, columns: string): Promise<unknown[][]> {
  const r = await hogql(warren, `select ${columns} from events where event = ${sqlString(eventName)} limit 1000`);
  return r.results;
}

/** Waits until at least `count` events with this name are stored and returns their rows. */
export async function waitForEvents(warren: WarrenProcess, eventName: string, columns = 'distinct_id', count = 1): Promise<unknown[][]> {
  return eventually(async () => {
    const rows = await eventRows(warren, eventName, columns);
    return rows.length >= count ? rows : null;
  });
}

/**
 * Waits for a sentinel event (see assertStillServing) and then returns how many events named `eventName` exist:
 * the exact count once everything accepted before the sentinel has reached the store.
 */
export async function countAfterSentinel(warren: WarrenProcess, eventName: string, sentinel: string): Promise<number> {
  await waitForEvents(warren, sentinel);
  const r = await hogql(warren, `select count() from events where event = ${sqlString(eventName)}`);
  return Number(r.results[0][0]);
}

export interface IngestionWarning {
  type: string;
  timestamp: string;
  details: Record<string, unknown>;
  source: string;
}

/** The recent ingestion warnings of one type (newest first, as GET /ingestion_warnings/ lists them). */
export async function ingestionWarnings(warren: WarrenProcess, type: string): Promise<IngestionWarning[]> {
  const res = await api(warren, 'GET', '/api/projects/1/ingestion_warnings/');
  assert.equal(res.status, 200);
  const group = (res.body.results as { type: string; warnings: IngestionWarning[] }[]).find((g) => g.type === type);
  return group ? group.warnings : [];
}

/** Waits for a warning of `type` whose details satisfy `match`, and returns it. */
export async function waitForWarning(warren: WarrenProcess, type: string, match: (details: Record<string, unknown>) => boolean): Promise<IngestionWarning> {
  return eventually(async () => (await ingestionWarnings(warren, type)).find((w) => match(w.details)) ?? null);
}

/** ClickHouse's `toString(timestamp)` (`2024-05-01 12:00:00.123000`, UTC) as epoch milliseconds. */
export function storedTimeMs(value: unknown): number {
  return Date.parse(String(value).replace(' ', 'T') + 'Z');
}

/** A HogQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** One numeric sample from /_metrics (the first series whose name and labels start with `series`), or null. */
export async function metricValue(warren: WarrenProcess, series: string): Promise<number | null> {
  const text = await (await fetch(`${warren.url}/_metrics`)).text();
  for (const line of text.split('\n')) {
    if (line.startsWith(series + ' ') || line.startsWith(series + '{')) {
      const value = Number(line.slice(line.lastIndexOf(' ') + 1));
      return Number.isFinite(value) ? value : null;
    }
  }
  return null;
}

/** What a raw TCP exchange saw: every byte the server sent and when (ms after connecting) it closed the socket. */
export interface SocketOutcome {
  received: string;
  closedAfterMs: number | null;
}

/**
 * Opens a TCP connection, hands it to `drive` (which writes whatever it likes, whenever it likes) and resolves when
 * the server closes the connection or `giveUpMs` passes (closedAfterMs null: the server kept it open).
 */
export function rawSocket(warren: WarrenProcess, drive: (socket: net.Socket) => void, giveUpMs: number): Promise<SocketOutcome> {
  return new Promise((resolve) => {
    const socket = net.connect(warren.port, '127.0.0.1');
    const started = Date.now();
    let received = '';
    let done = false;
    const finish = (closedAfterMs: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ received, closedAfterMs });
    };
    const timer = setTimeout(() => finish(null), giveUpMs);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('end', () => finish(Date.now() - started));
    socket.on('close', () => finish(Date.now() - started));
    socket.on('error', () => finish(Date.now() - started));
    socket.on('connect', () => drive(socket));
  });
}

/** The status codes of the HTTP responses in raw socket output, in order. */
export function responseStatuses(received: string): number[] {
  return [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
}
