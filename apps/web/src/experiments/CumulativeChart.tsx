import { useMemo } from 'react';
import type { ExperimentMetric, ExperimentMetricType } from '@warren/shared/experiments-api';
import type { ExperimentQueryResponseApi } from '@warren/shared/experiment-results-api';
import { useQueryResult } from '../api/run-query';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { cumulativeSeries, experimentResultsQuery } from './results-model';

const UNITS: Record<ExperimentMetricType, string> = { funnel: 'conversion rate (%)', mean: 'mean per person', ratio: 'ratio' };

interface Props {
  projectId: number;
  experimentId: number;
  metric: ExperimentMetric;
  title: string;
  refreshKey: number;
}

/** Each variant's metric as exposures and conversions accumulate, day by day since launch. */
export function CumulativeChart({ projectId, experimentId, metric, title, refreshKey }: Props) {
  const result = useQueryResult(projectId, experimentResultsQuery(experimentId, metric, { timeseries: true }), { refreshKey });
  const response = result.data as ExperimentQueryResponseApi | undefined;
  const { labels, series } = useMemo(() => cumulativeSeries(response ?? {}, metric.metric_type), [response, metric.metric_type]);
  if (result.isError) return <ErrorNotice error={result.error} title="The chart over time could not be computed" />;
  if (!response) return <Spinner label="Drawing the chart over time" />;
  if (labels.length < 2) return <p className="muted small">The chart over time appears after the experiment's second day.</p>;
  return (
    <figure className="cumulative-chart">
      <figcaption className="muted small">Cumulative {UNITS[metric.metric_type]} per variant, by day</figcaption>
      <TimeSeriesChart labels={labels} series={series} height={240} ariaLabel={`Cumulative ${UNITS[metric.metric_type]} per variant of ${title}, by day`} />
    </figure>
  );
}
