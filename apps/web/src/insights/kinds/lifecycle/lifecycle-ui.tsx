import { seriesListProblem } from '../../series/series-model';
import type { InsightKindUi } from '../insight-kind';
import { LifecycleEditor } from './LifecycleEditor';
import { LifecycleResult } from './LifecycleResult';
import { defaultLifecycleQuery, type LifecycleQuery } from './lifecycle-query';

/** Lifecycle: per interval, who is new, returning, resurrecting or gone dormant. */
export const lifecycleUi: InsightKindUi<LifecycleQuery> = {
  kind: 'LifecycleQuery',
  label: 'Lifecycle',
  defaultQuery: defaultLifecycleQuery,
  Editor: LifecycleEditor,
  Result: LifecycleResult,
  validate: (query) => (query.series?.length === 1 ? seriesListProblem(query.series) : 'A lifecycle shows exactly one series'),
};
