import type { Project } from '../projects/project-repository.js';
import { capturePerformanceConfig, sessionRecordingConfig } from './session-recording-config.js';

/**
 * What posthog-js reads from `/array/<token>/config`: the capture endpoint and compression it may use, and which
 * features the project turns on (session replay as its settings say). Extensions Warren does not serve yet (heatmaps,
 * surveys, site apps) stay off.
 * Example: remoteConfig(project).analytics.endpoint === '/i/v0/e/'.
 */
export function remoteConfig(project: Project, hasFeatureFlags: boolean) {
  return {
    token: project.apiToken,
    supportedCompression: ['gzip', 'gzip-js'],
    hasFeatureFlags,
    captureDeadClicks: false,
    capturePerformance: capturePerformanceConfig(project.replay),
    autocapture_opt_out: project.autocaptureOptOut,
    autocaptureExceptions: false,
    analytics: { endpoint: '/i/v0/e/' },
    elementsChainAsString: true,
    errorTracking: { autocaptureExceptions: false, suppressionRules: [] },
    sessionRecording: project.sessionRecordingOptIn ? sessionRecordingConfig(project.replay) : false,
    heatmaps: false,
    surveys: false,
    defaultIdentifiedOnly: true,
    siteApps: [],
  };
}
