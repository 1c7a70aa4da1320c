import os from 'node:os';
import path from 'node:path';

/** Everything Warren reads from the environment, parsed once at start-up. Nothing else reads process.env. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL for transactional state (scale mode); null = SQLite under the data dir. */
  databaseUrl: string | null;
  /** Honour X-Forwarded-For for the client address. */
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Public URL of this server used in printed snippets and pagination links; null = taken from the request. */
  siteUrl: string | null;
  /** The built web app served at `/` (default apps/web/dist; tests point it at a build of their own). */
  webDistDir: string | null;
  bootstrap: {
    projectToken: string | null;
    projectSecretKey: string | null;
    personalApiKey: string | null;
    email: string | null;
    password: string | null;
  };
  http: {
    /** Close connections whose request headers have not all arrived after this long (slowloris). */
    headersTimeoutMs: number;
    /** Answer 408 when a request body sends nothing for this long. */
    bodyChunkTimeoutMs: number;
    /** Answer 408 when a whole request has not arrived after this long. */
    requestTimeoutMs: number;
  };
  ingest: {
    /** Flush the in-memory buffer to the event store at least this often. */
    flushIntervalMs: number;
    /** ...or as soon as this many events are waiting. */
    flushMaxEvents: number;
    /** fsync the write-ahead log before acknowledging (off only for throwaway benchmarks of the parse path). */
    fsync: boolean;
    /** Threads that decode capture requests; 0 decodes on the main thread. */
    workers: number;
  };
  cohorts: {
    /** How often dynamic cohorts are recalculated in the background (each when its last calculation is older). */
    refreshIntervalMs: number;
  };
  webAnalytics: {
    /** How often the web rollup job looks for days of sessions to pre-aggregate. */
    rollupIntervalMs: number;
    /** How long a day's sessions must have gone unwritten before it is pre-aggregated (writes still in flight). */
    rollupQuietMs: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parses and validates the environment; throws ConfigError listing every bad variable. Example: loadConfig(process.env). */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${JSON.stringify(raw)} must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${name}=${JSON.stringify(raw)} must be true or false`);
    return fallback;
  };
  const optional = (name: string, pattern?: RegExp, hint?: string): string | null => {
    const raw = env[name];
    if (raw === undefined || raw === '') return null;
    if (pattern && !pattern.test(raw)) {
      problems.push(`${name} ${hint ?? 'is malformed'}`);
      return null;
    }
    return raw;
  };
  const logLevel = env.WARREN_LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`WARREN_LOG_LEVEL=${JSON.stringify(logLevel)} must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const siteUrl = optional('WARREN_SITE_URL', /^https?:\/\/[^\s/]+(\/.*)?$/, 'must be an http(s) URL');
  const config: Config = {
    port: int('PORT', 8000, 0, 65535),
    host: env.HOST && env.HOST !== '' ? env.HOST : '0.0.0.0',
    dataDir: path.resolve(cwd, env.WARREN_DATA_DIR && env.WARREN_DATA_DIR !== '' ? env.WARREN_DATA_DIR : 'data'),
    databaseUrl: optional('WARREN_DATABASE_URL', /^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL'),
    trustProxy: bool('WARREN_TRUST_PROXY', false),
    logLevel: logLevel as Config['logLevel'],
    siteUrl: siteUrl ? siteUrl.replace(/\/+$/, '') : null,
    webDistDir: env.WARREN_WEB_DIST_DIR && env.WARREN_WEB_DIST_DIR !== '' ? path.resolve(cwd, env.WARREN_WEB_DIST_DIR) : null,
    bootstrap: {
      projectToken: optional('WARREN_BOOTSTRAP_PROJECT_TOKEN', /^phc_[A-Za-z0-9_-]{8,100}$/, 'must look like phc_ followed by 8-100 letters or digits'),
      projectSecretKey: optional('WARREN_BOOTSTRAP_PROJECT_SECRET_KEY', /^phs_[A-Za-z0-9_-]{8,100}$/, 'must look like phs_ followed by 8-100 letters or digits'),
      personalApiKey: optional('WARREN_BOOTSTRAP_PERSONAL_API_KEY', /^phx_[A-Za-z0-9_-]{8,100}$/, 'must look like phx_ followed by 8-100 letters or digits'),
      email: optional('WARREN_BOOTSTRAP_EMAIL', /^[^\s@]+@[^\s@]+$/, 'must be an email address'),
      password: optional('WARREN_BOOTSTRAP_PASSWORD', /^.{8,200}$/, 'must be 8 to 200 characters'),
    },
    http: {
      headersTimeoutMs: int('WARREN_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
      bodyChunkTimeoutMs: int('WARREN_BODY_TIMEOUT_MS', 10_000, 100, 600_000),
      requestTimeoutMs: int('WARREN_REQUEST_TIMEOUT_MS', 60_000, 1_000, 3_600_000),
    },
    ingest: {
      flushIntervalMs: int('WARREN_FLUSH_INTERVAL_MS', 1000, 10, 60_000),
      flushMaxEvents: int('WARREN_FLUSH_MAX_EVENTS', 50_000, 1, 1_000_000),
      fsync: bool('WARREN_WAL_FSYNC', true),
      workers: int('WARREN_INGEST_WORKERS', Math.min(4, os.availableParallelism()), 0, 32),
    },
    cohorts: {
      refreshIntervalMs: int('WARREN_COHORT_REFRESH_INTERVAL_MS', 300_000, 1_000, 86_400_000),
    },
    webAnalytics: {
      rollupIntervalMs: int('WARREN_WEB_ROLLUP_INTERVAL_MS', 60_000, 100, 86_400_000),
      rollupQuietMs: int('WARREN_WEB_ROLLUP_QUIET_MS', 60_000, 10, 3_600_000),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
