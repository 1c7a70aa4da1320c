import type { InsightKindUi } from '../insight-kind';
import { FunnelsEditor } from './FunnelsEditor';
import { FunnelsResult } from './FunnelsResult';
import { defaultFunnelsQuery, funnelProblem, type FunnelsQuery } from './funnel-query-model';
import './funnels.css';

/** Funnels: ordered steps, conversion and drop-off, time to convert, conversion over time. */
export const funnelsUi: InsightKindUi<FunnelsQuery> = {
  kind: 'FunnelsQuery',
  label: 'Funnels',
  defaultQuery: defaultFunnelsQuery,
  Editor: FunnelsEditor,
  Result: FunnelsResult,
  validate: funnelProblem,
};
