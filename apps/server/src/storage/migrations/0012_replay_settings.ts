import type { ColumnDataType, Kysely, Migration } from 'kysely';

/**
 * Session replay settings of a project, one column each as PostHog keeps them on its team: sampling, minimum
 * duration, linked flag, URL and event triggers (JSON), console and network capture, network redaction rules (JSON),
 * masking (JSON), canvas, and how many days recordings are kept. The defaults are what Warren did before: every
 * session, console logs on, network payloads off, inputs masked, 30 days.
 */
export const replaySettings: Migration = {
  async up(db: Kysely<any>) {
    const columns: [string, ColumnDataType, string | number | null][] = [
      // Double precision holds 0.00..1.00 exactly enough in both dialects (SQLite reads it as REAL).
      ['session_recording_sample_rate', 'double precision', null],
      ['session_recording_minimum_duration_ms', 'integer', null],
      ['session_recording_linked_flag', 'text', null],
      ['session_recording_url_triggers', 'text', '[]'],
      ['session_recording_url_blocklist', 'text', '[]'],
      ['session_recording_event_triggers', 'text', '[]'],
      ['session_recording_trigger_match_type', 'text', null],
      ['capture_console_log_opt_in', 'integer', 1],
      ['capture_performance_opt_in', 'integer', 0],
      ['session_recording_record_headers', 'integer', 0],
      ['session_recording_record_body', 'integer', 0],
      ['session_recording_network_redaction', 'text', '{"headers":[],"bodyKeys":[]}'],
      ['session_recording_masking', 'text', '{"maskAllInputs":true,"maskTextSelector":null,"blockSelector":null}'],
      ['session_recording_record_canvas', 'integer', 0],
      ['session_recording_retention_days', 'integer', 30],
    ];
    for (const [name, type, fallback] of columns) {
      await db.schema
        .alterTable('projects')
        .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
        .execute();
    }
  },
};
