import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { ExperimentApi, ExperimentMetric, StoredExperimentMetric } from '@warren/shared/experiments-api';
import type { ExperimentQueryResponseApi } from '@warren/shared/experiment-results-api';
import { useQueryResult } from '../api/run-query';
import { useProjectId } from '../app/use-project-id';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { ExperimentActions } from './ExperimentActions';
import { ExperimentCode } from './ExperimentCode';
import { ExperimentSetup } from './ExperimentSetup';
import { ExperimentSummary } from './ExperimentSummary';
import { MetricResults } from './MetricResults';
import { useFamilyCorrection, type FamilyCorrection } from './use-family-correction';
import { StatusBadge } from './StatusBadge';
import { emptyExperimentForm, formFromExperiment, type ExperimentForm } from './experiment-form';
import { statusOf } from './experiment-list-filter';
import { useExperiment } from './experiments-api';
import { metricTitle } from './metric-form';
import { experimentResultsQuery, headline, variantRows } from './results-model';
import './experiments.css';

/** `/experiments/new` (the set-up flow) and `/experiments/:id`: a draft's set-up, or a launched experiment's results. */
export function Component() {
  const projectId = useProjectId();
  const { experimentId: rawId } = useParams();
  const navigate = useNavigate();
  const isNew = rawId === 'new';
  const experimentId = !isNew && /^\d+$/.test(rawId ?? '') ? Number(rawId) : null;
  const experiment = useExperiment(projectId, experimentId);
  const listPath = `/project/${projectId}/experiments`;
  // Built once per experiment: refetches after a save must not reset what the user is typing.
  const initial = useMemo(() => (experiment.data ? formFromExperiment(experiment.data) : emptyExperimentForm()), [experiment.data?.id, isNew]);

  if (isNew) {
    return (
      <>
        <PageHeader title="New experiment">Pick the flag and its variants, what counts as exposure, and the metrics that decide.</PageHeader>
        <ExperimentSetup key="new" projectId={projectId} experimentId={null} initial={initial} onSaved={(saved) => navigate(`${listPath}/${saved.id}`, { replace: true })} />
      </>
    );
  }
  if (experimentId === null) return <ErrorNotice error={new Error(`There is no experiment at ${rawId}.`)} title="Experiment not found" />;
  if (experiment.isPending) return <Spinner label="Loading the experiment" />;
  if (experiment.isError) return <ErrorNotice error={experiment.error} title="Experiment not found" />;
  return <ExperimentPage projectId={projectId} experiment={experiment.data} initial={initial} />;
}

function ExperimentPage({ projectId, experiment, initial }: { projectId: number; experiment: ExperimentApi; initial: ExperimentForm }) {
  const navigate = useNavigate();
  const listPath = `/project/${projectId}/experiments`;
  const status = statusOf(experiment);
  const primary = [...experiment.metrics, ...savedOfType(experiment, 'primary')];
  const secondary = [...experiment.metrics_secondary, ...savedOfType(experiment, 'secondary')];
  const verdict = usePrimaryVerdict(projectId, experiment, status !== 'draft' ? primary[0] : undefined);
  const variants = (experiment.feature_flag?.filters.multivariate?.variants ?? []).map((v) => v.key);
  const metricEvents = [...primary, ...secondary].flatMap(metricEventNames);
  const family = useFamilyCorrection();
  return (
    <>
      <PageHeader
        title={experiment.name}
        actions={
          <ExperimentActions
            projectId={projectId}
            experiment={experiment}
            suggestedVariant={verdict.winner}
            onDuplicated={(copy) => navigate(`${listPath}/${copy.id}`)}
            onDeleted={() => navigate(listPath)}
          />
        }
      >
        <StatusBadge experiment={experiment} /> {experiment.description}
      </PageHeader>
      <div className="experiment-page">
        {verdict.text && (
          <p role="status" className={verdict.winner ? 'experiment-headline experiment-headline-win' : 'experiment-headline'}>
            {verdict.text}
          </p>
        )}
        <ExperimentSummary projectId={projectId} experiment={experiment} />
        {status === 'draft' ? (
          <ExperimentSetup key={experiment.id} projectId={projectId} experimentId={experiment.id} initial={initial} onSaved={() => undefined} />
        ) : (
          <>
            <MetricSection projectId={projectId} experimentId={experiment.id} title="Primary metrics" kind="Primary" metrics={primary} family={family} />
            {secondary.length > 0 && <MetricSection projectId={projectId} experimentId={experiment.id} title="Secondary metrics" kind="Secondary" metrics={secondary} family={family} />}
            <ExperimentCode flagKey={experiment.feature_flag_key} variants={variants} exposureEvent={experiment.exposure_criteria?.exposure_config?.event ?? null} metricEvents={metricEvents} />
          </>
        )}
      </div>
    </>
  );
}

interface MetricSectionProps {
  projectId: number;
  experimentId: number;
  title: string;
  kind: string;
  metrics: StoredExperimentMetric[];
  family: FamilyCorrection;
}

function MetricSection({ projectId, experimentId, title, kind, metrics, family }: MetricSectionProps) {
  return (
    <section className="stack" aria-label={title}>
      <h2>{title}</h2>
      {metrics.length === 0 && <p className="notice">No {kind.toLowerCase()} metrics: add one to see results (duplicate the experiment to change a launched one).</p>}
      {metrics.map((metric, i) =>
        metric.kind === 'ExperimentMetric' ? (
          <MetricResults key={metric.uuid ?? i} projectId={projectId} experimentId={experimentId} metric={metric} label={`${kind} metric ${i + 1}`} family={family} />
        ) : (
          <p key={metric.uuid ?? i} className="notice">
            {kind} metric {i + 1} is a legacy {metric.kind}; its results are available through the API.
          </p>
        ),
      )}
    </section>
  );
}

/** Saved metrics linked as primary or secondary, as metrics of the experiment. */
function savedOfType(experiment: ExperimentApi, type: 'primary' | 'secondary'): StoredExperimentMetric[] {
  return experiment.saved_metrics.filter((s) => (s.metadata?.type ?? 'primary') === type).map((s) => ({ ...s.query, name: s.query.name ?? s.name }));
}

/**
 * The first primary metric's answer in a sentence, and the variant that significantly beats control on it (shares
 * the metric card's cached answer).
 */
function usePrimaryVerdict(projectId: number, experiment: ExperimentApi, metric: StoredExperimentMetric | undefined): { winner: string | null; text: string | null } {
  const current = metric?.kind === 'ExperimentMetric' ? (metric as ExperimentMetric) : null;
  const result = useQueryResult(projectId, current ? experimentResultsQuery(experiment.id, current) : null, { enabled: current !== null });
  const response = result.data as ExperimentQueryResponseApi | undefined;
  if (!current || !response?.baseline) return { winner: null, text: null };
  const rows = variantRows(response, current.metric_type, current.goal ?? 'increase');
  return { winner: rows.find((row) => row.winning)?.key ?? null, text: headline(rows, metricTitle(current)) };
}

function metricEventNames(metric: StoredExperimentMetric): string[] {
  if (metric.kind !== 'ExperimentMetric') return [];
  const names = metric.metric_type === 'funnel' ? metric.series : metric.metric_type === 'mean' ? [metric.source] : [metric.numerator, metric.denominator];
  return names.map((node) => (node.kind === 'EventsNode' ? (node.event ?? '') : ''));
}
