import http from 'node:http';

/**
 * The requests posthog-python 5.4.0 (the last release with the seed tutorial's positional API) sends, rebuilt byte for
 * byte: the module-level `capture(distinct_id, event)` and `alias(previous_id, distinct_id)`, one `POST /batch/` per
 * call (what the client sends when flushed after each call). Source: posthog/client.py `capture`, `alias`, `_enqueue`
 * and posthog/request.py `post` at tag v5.4.0, checked against /work/shared/fixtures/sdk/posthog-python-legacy.jsonl.
 */
export const POSTHOG_PYTHON_VERSION = '5.4.0';

/** `system_context()` on the machine that recorded the fixtures (Debian 12, CPython 3.11.2). */
export const RECORDED_SYSTEM_CONTEXT = {
  $python_runtime: 'CPython',
  $python_version: '3.11.2',
  $os: 'Linux',
  $os_version: '12',
} as const;

/** A Python value as JSON: str, int/float, bool, None, list, dict (insertion-ordered). */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };
/** A Python id: `ID_TYPES = (numbers.Number, str, UUID, int)`. */
export type PyId = string | number;

/**
 * `json.dumps(value)` with Python's defaults: `", "` and `": "` separators, `ensure_ascii=True`, float repr.
 * Example: pythonJsonDumps({a: [1, 'é']}) === '{"a": [1, "\\u00e9"]}'.
 */
export function pythonJsonDumps(value: PyValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${pythonString(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}

function pythonString(s: string): string {
  // JSON.stringify escapes exactly Python's set below U+0080; ensure_ascii then escapes every other UTF-16 unit.
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function pythonNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 53) return String(n); // a Python int
  // float.__repr__: shortest round-trip digits, fixed notation when -4 <= exponent < 16, else `d.ddde+XX`.
  const [mantissa, exp] = n.toExponential().split('e');
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= 16) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  const fixed = String(n);
  return fixed.includes('.') ? fixed : `${fixed}.0`;
}

/** `datetime.now(tz=tzutc()).isoformat()`: microseconds, `+00:00`, and no fraction when it is zero. */
export function pythonUtcIsoformat(date: Date = new Date(), microsecond = date.getUTCMilliseconds() * 1000): string {
  const base = date.toISOString().slice(0, 19);
  return `${base}${microsecond === 0 ? '' : '.' + String(microsecond).padStart(6, '0')}+00:00`;
}

type Message = { [key: string]: PyValue };

/** `_enqueue`: timestamp, optional uuid (moved last), `$lib`/`$lib_version`/`$geoip_disable`, stringified distinct_id. */
function enqueue(msg: Message & { uuid?: PyValue }, timestamp: string): Message {
  msg.timestamp = timestamp;
  if ('uuid' in msg) {
    const uuid = msg.uuid;
    delete msg.uuid;
    if (uuid) msg.uuid = String(uuid);
  }
  const properties = msg.properties as Message;
  properties.$lib = 'posthog-python';
  properties.$lib_version = POSTHOG_PYTHON_VERSION;
  properties.$geoip_disable = true; // disable_geoip defaults to True in 5.x
  msg.distinct_id = msg.distinct_id === null ? null : String(msg.distinct_id);
  return msg;
}

/** The event `posthog.capture(distinct_id, event, properties)` queues (5.x: no uuid unless given). */
export function captureMessage(
  distinctId: PyId,
  event: string,
  properties: Message = {},
  options: { timestamp: string; uuid?: string; systemContext?: Message },
): Message {
  const msg = {
    properties: { ...properties, ...(options.systemContext ?? RECORDED_SYSTEM_CONTEXT) },
    timestamp: null,
    distinct_id: distinctId,
    event,
    uuid: options.uuid ?? null,
  };
  return enqueue(msg, options.timestamp);
}

/** The event `posthog.alias(previous_id, distinct_id)` queues: `alias` keeps the caller's type (an int stays a number). */
export function aliasMessage(previousId: PyId, distinctId: PyId, options: { timestamp: string }): Message {
  const msg = {
    properties: { distinct_id: previousId, alias: distinctId },
    timestamp: null,
    event: '$create_alias',
    distinct_id: previousId,
  };
  return enqueue(msg, options.timestamp);
}

/** The `/batch/` body text: `{batch, historical_migration, sentAt, api_key}` as `request.post` dumps it. */
export function batchBody(batch: Message[], options: { apiKey: string; sentAt: string; historicalMigration?: boolean }): string {
  return pythonJsonDumps({ batch, historical_migration: options.historicalMigration ?? false, sentAt: options.sentAt, api_key: options.apiKey });
}

export interface SentBatch {
  body: string;
  status: number;
  responseText: string;
}

/**
 * posthog-python 5.4.0's module API as a Flask app uses it (`posthog.api_key = …; posthog.host = …`), sending each
 * call straight away with the headers `requests` sends.
 */
export class PosthogPython5 {
  readonly sent: SentBatch[] = [];

  constructor(
    readonly apiKey: string,
    readonly host: string,
  ) {}

  capture(distinctId: PyId, event: string, properties: Message = {}): Promise<SentBatch> {
    return this.send(captureMessage(distinctId, event, properties, { timestamp: pythonUtcIsoformat() }));
  }

  alias(previousId: PyId, distinctId: PyId): Promise<SentBatch> {
    return this.send(aliasMessage(previousId, distinctId, { timestamp: pythonUtcIsoformat() }));
  }

  private async send(message: Message): Promise<SentBatch> {
    const body = batchBody([message], { apiKey: this.apiKey, sentAt: pythonUtcIsoformat() });
    const { status, text } = await postLikeRequests(new URL('/batch/', this.host), body);
    const sent = { body, status, responseText: text };
    this.sent.push(sent);
    return sent;
  }
}

/**
 * `requests.Session().post(url, data=…, headers=…, timeout=15)`: its default headers in its order (fetch cannot send
 * `Connection`), and the library's 15 s timeout.
 */
function postLikeRequests(url: URL, body: string, timeoutMs = 15_000): Promise<{ status: number; text: string }> {
  const bytes = Buffer.from(body, 'utf8');
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'User-Agent': `posthog-python/${POSTHOG_PYTHON_VERSION}`,
          'Accept-Encoding': 'gzip, deflate',
          Accept: '*/*',
          Connection: 'keep-alive',
          'Content-Type': 'application/json',
          'Content-Length': String(bytes.length),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`POST ${url.pathname} got no answer in ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(bytes);
  });
}
