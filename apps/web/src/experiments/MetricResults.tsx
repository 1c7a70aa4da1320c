import { useEffect, useId, useState } from 'react';
import type { ExperimentMetric } from '@warren/shared/experiments-api';
import type { ExperimentQueryResponseApi } from '@warren/shared/experiment-results-api';
import { useQueryResult } from '../api/run-query';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { CumulativeChart } from './CumulativeChart';
import { ResultsTable } from './ResultsTable';
import { metricSummary, metricTitle } from './metric-form';
import { experimentResultsQuery, resultWarnings, variantRows } from './results-model';
import { familyText, pValuesOf } from './family-correction';
import type { FamilyCorrection } from './use-family-correction';

interface Props {
  projectId: number;
  experimentId: number;
  metric: ExperimentMetric;
  /** "Primary metric 1". */
  label: string;
  /** The experiment's p-values across all its metrics, for the correction over every comparison. */
  family: FamilyCorrection;
}

/**
 * One metric's results: `ExperimentQuery` through `/query/`, warnings in plain words, the per-variant table with
 * interval bars, and the cumulative chart (its own query, with the day-by-day series).
 */
export function MetricResults({ projectId, experimentId, metric, label, family }: Props) {
  const id = useId();
  const [refreshKey, setRefreshKey] = useState(0);
  const result = useQueryResult(projectId, experimentResultsQuery(experimentId, metric), { refreshKey });
  const response = result.data as ExperimentQueryResponseApi | undefined;
  const title = metricTitle(metric);
  const { report } = family;
  useEffect(() => report(label, response ? pValuesOf(response) : {}), [report, label, response]);
  return (
    <section className="card stack metric-results" aria-labelledby={`${id}-title`}>
      <div className="metric-results-head">
        <div>
          <h3 id={`${id}-title`}>
            {label}: {title}
          </h3>
          {metric.name && <span className="muted small">{metricSummary(metric)}</span>}
          {metric.goal === 'decrease' && <span className="muted small"> · a decrease is good</span>}
        </div>
        <button type="button" className="small" disabled={result.isFetching} onClick={() => setRefreshKey((k) => k + 1)}>
          {result.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {result.isError && <ErrorNotice error={result.error} title="The results could not be computed" />}
      {!response && result.isFetching && <Spinner label="Computing results" />}
      {response && <MetricResponse response={response} metric={metric} label={`${label} results`} />}
      {response && <FamilyNote text={familyText(family.adjusted[label], family.comparisons)} />}
      <CumulativeChart projectId={projectId} experimentId={experimentId} metric={metric} title={title} refreshKey={refreshKey} />
    </section>
  );
}

function MetricResponse({ response, metric, label }: { response: ExperimentQueryResponseApi; metric: ExperimentMetric; label: string }) {
  const rows = variantRows(response, metric.metric_type, metric.goal ?? 'increase');
  const warnings = resultWarnings(response);
  return (
    <>
      {warnings.map((warning) => (
        <div key={warning} role="alert" className="notice experiment-warning">
          {warning}
        </div>
      ))}
      <ResultsTable rows={rows} metricType={metric.metric_type} method={response.stats_method} label={label} />
    </>
  );
}

function FamilyNote({ text }: { text: string | null }) {
  return text ? <p className="muted small family-correction">{text}</p> : null;
}
