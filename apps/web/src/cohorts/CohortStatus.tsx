import type { CohortApi } from '@warren/shared/cohorts-api';
import { relativeTime } from '../components/relative-time';
import { cohortTypeLabel } from './cohort-definition-model';

/**
 * How many persons the cohort has and when that was worked out. A live region, so "Calculating…" turning into
 * "3 persons" is announced.
 */
export function CohortStatus({ cohort }: { cohort: CohortApi }) {
  return (
    <section className="card ca-status" aria-label="Calculation status">
      <div role="status" aria-live="polite" className="ca-status-line">
        {cohort.is_calculating ? (
          <span className="badge">Calculating…</span>
        ) : cohort.count === null ? (
          <span className="muted">Not calculated yet</span>
        ) : (
          <strong className="ca-count">
            {cohort.count} {cohort.count === 1 ? 'person' : 'persons'}
          </strong>
        )}
        <span className="muted">{cohortTypeLabel(cohort)}</span>
        {cohort.last_calculation && (
          <span className="muted">
            {cohort.is_static ? 'Last changed' : 'Last calculated'} <time dateTime={cohort.last_calculation}>{relativeTime(cohort.last_calculation)}</time>
          </span>
        )}
      </div>
      {cohort.errors_calculating > 0 && cohort.last_error_message && (
        <p className="error-text">
          The last calculation failed ({cohort.errors_calculating} {cohort.errors_calculating === 1 ? 'time' : 'times'}): {cohort.last_error_message}
        </p>
      )}
    </section>
  );
}
