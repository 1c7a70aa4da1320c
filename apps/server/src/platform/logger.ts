import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/** The one root logger; secrets are redacted wherever they appear in logged objects. */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        '*.password',
        '*.personal_api_key',
        '*.api_key',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}
