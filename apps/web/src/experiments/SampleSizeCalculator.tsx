import { useEffect, useState } from 'react';
import { useQueryResult } from '../api/run-query';
import { TRAFFIC_WINDOW_DAYS, calculatorPlan, calculatorProblem, dailyExposuresFrom, trafficQuery, type CalculatorInputs } from './calculator-model';
import type { ExperimentForm } from './experiment-form';

interface Props {
  projectId: number;
  variantCount: number;
  /** The effect the experiment is sized for, kept with the experiment. */
  minimumDetectableEffect: number;
  onChange: (patch: Partial<Pick<ExperimentForm, 'minimumDetectableEffect' | 'recommendedSampleSize' | 'recommendedRunningTime'>>) => void;
}

const count = new Intl.NumberFormat('en-US');
const QUERY = trafficQuery();

/**
 * How many people each variant needs to detect the smallest change worth knowing about, and how many days that takes
 * at the project's recent traffic (unique `$pageview` persons of the last two weeks) or at a typed traffic.
 */
export function SampleSizeCalculator({ projectId, variantCount, minimumDetectableEffect, onChange }: Props) {
  const traffic = useQueryResult(projectId, QUERY);
  const measured = dailyExposuresFrom(traffic.data?.results?.[0]?.aggregated_value);
  const [typedTraffic, setTypedTraffic] = useState('');
  const [inputs, setInputs] = useState({ kind: 'rate' as CalculatorInputs['kind'], baselineRatePercent: 10, mean: 10, standardDeviation: 5, powerPercent: 80 });
  const dailyExposures = typedTraffic.trim() !== '' ? Number(typedTraffic) : measured;
  const all: CalculatorInputs = { ...inputs, minimumDetectableEffectPercent: minimumDetectableEffect, variantCount, dailyExposures };
  const problem = calculatorProblem(all);
  const plan = calculatorPlan(all);

  // The recommendation is saved with the experiment, as PostHog keeps it in its parameters.
  useEffect(() => {
    onChange({ recommendedSampleSize: plan?.total ?? null, recommendedRunningTime: plan?.days ?? null });
  }, [plan?.total, plan?.days]);

  const set = (patch: Partial<typeof inputs>) => setInputs({ ...inputs, ...patch });
  return (
    <div className="stack calculator">
      <div className="row">
        <label className="field">
          <span>Metric kind</span>
          <select value={inputs.kind} onChange={(e) => set({ kind: e.target.value as CalculatorInputs['kind'] })}>
            <option value="rate">A conversion rate</option>
            <option value="mean">A mean per person</option>
          </select>
        </label>
        {inputs.kind === 'rate' ? (
          <label className="field">
            <span>Baseline conversion rate (%)</span>
            <input type="number" min={0} max={100} step="any" value={inputs.baselineRatePercent} onChange={(e) => set({ baselineRatePercent: e.target.valueAsNumber })} />
          </label>
        ) : (
          <>
            <label className="field">
              <span>Baseline mean</span>
              <input type="number" step="any" value={inputs.mean} onChange={(e) => set({ mean: e.target.valueAsNumber })} />
            </label>
            <label className="field">
              <span>Standard deviation</span>
              <input type="number" min={0} step="any" value={inputs.standardDeviation} onChange={(e) => set({ standardDeviation: e.target.valueAsNumber })} />
            </label>
          </>
        )}
        <label className="field">
          <span>Minimum detectable effect (%)</span>
          <input type="number" min={0} step="any" value={minimumDetectableEffect} onChange={(e) => onChange({ minimumDetectableEffect: e.target.valueAsNumber })} />
        </label>
        <label className="field">
          <span>Power (%)</span>
          <input type="number" min={50} max={99} step={1} value={inputs.powerPercent} onChange={(e) => set({ powerPercent: e.target.valueAsNumber })} />
        </label>
        <label className="field">
          <span>New people a day</span>
          <input type="number" min={1} step={1} placeholder={measured === null ? 'type it' : count.format(measured)} value={typedTraffic} onChange={(e) => setTypedTraffic(e.target.value)} />
        </label>
      </div>
      <p className="muted small">
        {traffic.isPending
          ? 'Reading recent traffic…'
          : measured === null
            ? `No pageviews in the last ${TRAFFIC_WINDOW_DAYS} days: type the traffic you expect.`
            : `About ${count.format(measured)} new people a day saw a page over the last ${TRAFFIC_WINDOW_DAYS} days${typedTraffic ? ' (you typed your own figure)' : ''}.`}
      </p>
      <div role="status" aria-live="polite" className="calculator-answer">
        {problem ? (
          <p className="variant-sum-bad">{problem}</p>
        ) : plan ? (
          <p>
            <strong>{count.format(plan.perVariant)}</strong> people per variant, <strong>{count.format(plan.total)}</strong> in all
            {plan.days !== null ? (
              <>
                {' '}
                — about <strong>{count.format(plan.days)}</strong> {plan.days === 1 ? 'day' : 'days'} to run.
              </>
            ) : (
              '.'
            )}{' '}
            <span className="muted small">Two-sided test at 5% significance and {inputs.powerPercent}% power.</span>
          </p>
        ) : null}
      </div>
    </div>
  );
}
