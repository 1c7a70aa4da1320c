import type { InsightKindUi } from '../insight-kind';
import '../funnels/funnels.css';
import { PathsEditor } from './PathsEditor';
import { PathsResult } from './PathsResult';
import { defaultPathsQuery, type PathsQuery } from './paths-query-model';
import './paths.css';

/** Paths: the order people move through pages, screens or events, drawn as a sankey. */
export const pathsUi: InsightKindUi<PathsQuery> = {
  kind: 'PathsQuery',
  label: 'Paths',
  defaultQuery: defaultPathsQuery,
  Editor: PathsEditor,
  Result: PathsResult,
};
