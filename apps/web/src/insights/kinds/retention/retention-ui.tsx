import type { InsightKindUi } from '../insight-kind';
import '../funnels/funnels.css';
import { RetentionEditor } from './RetentionEditor';
import { RetentionResult } from './RetentionResult';
import { defaultRetentionQuery, type RetentionQuery } from './retention-query-model';
import './retention.css';

/** Retention: of those who did the start event in a period, how many came back to do the returning event later. */
export const retentionUi: InsightKindUi<RetentionQuery> = {
  kind: 'RetentionQuery',
  label: 'Retention',
  defaultQuery: defaultRetentionQuery,
  Editor: RetentionEditor,
  Result: RetentionResult,
};
