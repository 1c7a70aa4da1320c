import { seriesListProblem } from '../../series/series-model';
import type { InsightKindUi } from '../insight-kind';
import { TrendsEditor } from './TrendsEditor';
import { TrendsResult } from './TrendsResult';
import { defaultTrendsQuery, type TrendsQuery } from './trends-query';

/** Trends: series over time (or in total), with maths, formulas, breakdowns and comparison. */
export const trendsUi: InsightKindUi<TrendsQuery> = {
  kind: 'TrendsQuery',
  label: 'Trends',
  defaultQuery: defaultTrendsQuery,
  Editor: TrendsEditor,
  Result: TrendsResult,
  validate: (query) => seriesListProblem(query.series),
  supportsCompare: true,
};
