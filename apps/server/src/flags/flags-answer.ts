import { decodeCaptureBody } from '../ingest/decode-body.js';
import type { IngestLimits } from '../ingest/limits.js';
import { AppError } from '../platform/app-error.js';
import type { ProjectRepository } from '../projects/project-repository.js';
import { remoteConfig } from '../remote-config/remote-config.js';
import { evaluateFlagsRequest, type FlagsRequestBody, type FlagsRequestDeps } from './evaluate-request.js';
import { flagsV1Response, flagsV2Body } from './flags-response.js';

export interface FlagsAnswerOptions {
  deps: FlagsRequestDeps;
  projects: ProjectRepository;
  limits: IngestLimits;
}

/** One `/flags` or `/decide` request as read off the wire, whichever HTTP path it came by. */
export interface FlagsCall {
  path: '/flags' | '/decide';
  query: Record<string, string | undefined>;
  body: Buffer;
  contentType: string | undefined;
  contentEncoding: string | undefined;
}

/** The answer: a status and its JSON body (always `application/json; charset=utf-8`). */
export interface FlagsAnswer {
  status: number;
  json: Buffer | string;
}

export const FLAGS_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * `/flags` and `/decide` in every shape the SDKs read, with every body encoding capture accepts; `config=true` and
 * decide v3+ carry the remote config like PostHog's. Refusals (bad body, unknown token, no distinct id) are answers
 * in PostHog's error shape; anything else thrown is a server error for the caller to report.
 */
export async function answerFlags(call: FlagsCall, options: FlagsAnswerOptions): Promise<FlagsAnswer> {
  const { query } = call;
  const decoded = decodeCaptureBody({ body: call.body, contentType: call.contentType, contentEncoding: call.contentEncoding, query }, options.limits);
  if (!decoded.ok) return refusal(decoded.error.status, { type: 'validation_error', code: decoded.error.code, detail: decoded.error.detail, attr: null });
  const body = (decoded.value ?? {}) as Record<string, unknown>;
  const token = [body.token, body.api_key, body.$token, query.token].find((t): t is string => typeof t === 'string');
  // Cached projects (and cached unknown tokens) without an await: a microtask turn and a promise fewer per request.
  let project = token ? options.projects.freshByToken(token) : null;
  if (project === undefined) project = await options.projects.findByToken(token!);
  if (!project) {
    return refusal(401, { type: 'authentication_error', code: 'invalid_api_key', detail: 'Project API key invalid. You can find your project API key in Warren project settings.', attr: null });
  }
  const version = Number(query.v ?? '1');
  const withConfig = query.config === 'true' || (call.path === '/decide' && version >= 3);
  const disabled = body.disable_flags === true;
  // One flag set for the whole request, so the answer describes exactly the flags that were evaluated.
  const set = options.deps.projectFlags.fresh(project.id) ?? (await options.deps.projectFlags.forProject(project.id));
  let result;
  try {
    result = disabled ? { flags: [], unresolved: {}, errorsWhileComputingFlags: false } : await evaluateFlagsRequest(options.deps, project, set, body as FlagsRequestBody);
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return refusal(error.status, error.toBody());
    throw error;
  }
  const config = withConfig ? remoteConfig(project, set.definitions.some((f) => f.active)) : null;
  if (call.path === '/flags' && version >= 2) return { status: 200, json: flagsV2Body(result, set, config ? JSON.stringify(config) : undefined) };
  const base = flagsV1Response(result);
  return { status: 200, json: JSON.stringify(config ? { ...config, ...base } : base) };
}

function refusal(status: number, body: Record<string, unknown>): FlagsAnswer {
  return { status, json: JSON.stringify(body) };
}
