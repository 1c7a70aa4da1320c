import { Link } from 'react-router';
import type { ExperimentApi } from '@warren/shared/experiments-api';
import { CONCLUSION_LABELS, durationText } from './experiment-list-filter';

const count = new Intl.NumberFormat('en-US');

/** The experiment at a glance: flag and split, exposure, method, how long it ran, the plan, and the conclusion. */
export function ExperimentSummary({ projectId, experiment }: { projectId: number; experiment: ExperimentApi }) {
  const variants = experiment.feature_flag?.filters.multivariate?.variants ?? [];
  const exposure = experiment.exposure_criteria ?? {};
  const params = experiment.parameters ?? {};
  return (
    <section className="card experiment-summary" aria-label="Summary">
      <dl>
        <div>
          <dt>Feature flag</dt>
          <dd>
            {experiment.feature_flag ? (
              <Link className="mono" to={`/project/${projectId}/feature_flags/${experiment.feature_flag.id}`}>
                {experiment.feature_flag_key}
              </Link>
            ) : (
              <span className="mono">{experiment.feature_flag_key}</span>
            )}{' '}
            {experiment.feature_flag && <span className="muted small">({experiment.feature_flag.active ? 'on' : 'off'})</span>}
          </dd>
        </div>
        <div>
          <dt>Split</dt>
          <dd>{variants.map((v) => `${v.key} ${v.rollout_percentage}%`).join(' · ') || '—'}</dd>
        </div>
        <div>
          <dt>Exposure</dt>
          <dd>
            <span className="mono">{exposure.exposure_config?.event ?? '$feature_flag_called'}</span>
            <span className="muted small">
              {' '}
              · {exposure.multiple_variant_handling === 'first_seen' ? 'people in two variants count in the first' : 'people in two variants left out'}
              {exposure.filterTestAccounts === false ? '' : ' · test accounts filtered'}
            </span>
          </dd>
        </div>
        <div>
          <dt>Statistics</dt>
          <dd>{experiment.stats_config?.method === 'frequentist' ? 'Frequentist' : 'Bayesian'}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>
            {durationText(experiment.start_date, experiment.end_date, Date.now())}
            {typeof params.recommended_running_time === 'number' && <span className="muted small"> · planned {count.format(params.recommended_running_time)} days</span>}
          </dd>
        </div>
        {typeof params.recommended_sample_size === 'number' && (
          <div>
            <dt>Planned sample</dt>
            <dd>
              {count.format(params.recommended_sample_size)} people
              {typeof params.minimum_detectable_effect === 'number' && <span className="muted small"> to detect a {params.minimum_detectable_effect}% change</span>}
            </dd>
          </div>
        )}
        {experiment.conclusion && (
          <div>
            <dt>Conclusion</dt>
            <dd>
              {CONCLUSION_LABELS[experiment.conclusion]}
              {experiment.conclusion_comment && <span className="muted"> — {experiment.conclusion_comment}</span>}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
