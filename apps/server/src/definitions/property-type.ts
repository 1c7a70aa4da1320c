/** The value types PostHog's property definitions know (`Duration` exists but is never detected). */
export type PropertyType = 'DateTime' | 'String' | 'Numeric' | 'Boolean' | 'Duration';

/** Name fragments (case-insensitive) that make a recent unix timestamp a DateTime, as PostHog's detection has them. */
const TIME_NAME_HINTS = ['time', 'timestamp', 'date', '_at', '-at', 'createdat', 'updatedat'];
const SIX_MONTHS_S = 183 * 24 * 3600;

// A date first (ISO `2024-05-01`, `2024/05/01`, or day-first `01/05/2024`), optionally a time of day and a zone.
const DATE_LIKE =
  /^(\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})([ T]\d{1,2}:\d{2}(:\d{2}(\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?)?$/i;
const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The type a property's first seen value suggests, following PostHog's ingestion rules: some names are always
 * strings (`utm_*`, `$feature/*`, `$feature_flag_response`, `$survey_response*`); a number under a time-like name that
 * is no older than six months is a DateTime; "true"/"false" text is Boolean; text of at least 10 characters that reads
 * as a date (and not as a number) is a DateTime; objects, arrays and null have no type (null).
 * @example detectPropertyType('plan_started_at', '2024-05-01T10:00:00Z') === 'DateTime'
 */
export function detectPropertyType(key: string, value: unknown, nowSeconds = Date.now() / 1000): PropertyType | null {
  if (key.startsWith('utm_') || key.startsWith('$feature/') || key === '$feature_flag_response' || key.startsWith('$survey_response')) {
    return 'String';
  }
  switch (typeof value) {
    case 'boolean':
      return 'Boolean';
    case 'number':
      return isTimeName(key) && value >= nowSeconds - SIX_MONTHS_S ? 'DateTime' : 'Numeric';
    case 'string': {
      const text = value.trim();
      if (text === 'true' || text === 'false' || text === 'TRUE' || text === 'FALSE') return 'Boolean';
      if (text.length >= 10 && !NUMERIC_TEXT.test(text) && DATE_LIKE.test(text)) return 'DateTime';
      return 'String';
    }
    default:
      return null;
  }
}

function isTimeName(key: string): boolean {
  const lower = key.toLowerCase();
  return TIME_NAME_HINTS.some((hint) => lower.includes(hint));
}
