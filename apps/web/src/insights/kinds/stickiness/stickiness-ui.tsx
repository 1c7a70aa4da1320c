import { seriesListProblem } from '../../series/series-model';
import type { InsightKindUi } from '../insight-kind';
import { StickinessEditor } from './StickinessEditor';
import { StickinessResult } from './StickinessResult';
import { defaultStickinessQuery, type StickinessQuery } from './stickiness-query';

/** Stickiness: how many intervals of the range each person came back in. */
export const stickinessUi: InsightKindUi<StickinessQuery> = {
  kind: 'StickinessQuery',
  label: 'Stickiness',
  defaultQuery: defaultStickinessQuery,
  Editor: StickinessEditor,
  Result: StickinessResult,
  validate: (query) => seriesListProblem(query.series),
  supportsCompare: true,
};
