import { useMemo } from 'react';
import type { ExperimentMetricType } from '@warren/shared/experiments-api';
import type { ExperimentQueryResponseApi } from '@warren/shared/experiment-results-api';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { cumulativeSeries } from './results-model';

const UNITS: Record<ExperimentMetricType, string> = { funnel: 'conversion rate (%)', mean: 'mean per person', ratio: 'ratio' };

/** Each variant's metric as exposures and conversions accumulate, day by day since launch. */
export function CumulativeChart({ response, metricType, title }: { response: ExperimentQueryResponseApi; metricType: ExperimentMetricType; title: string }) {
  const { labels, series } = useMemo(() => cumulativeSeries(response, metricType), [response, metricType]);
  if (labels.length < 2) return <p className="muted small">The chart over time appears after the experiment's second day.</p>;
  return <TimeSeriesChart labels={labels} series={series} height={240} ariaLabel={`Cumulative ${UNITS[metricType]} per variant of ${title}, by day`} />;
}
