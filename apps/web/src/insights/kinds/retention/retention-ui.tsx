import type { InsightKindUi } from '../insight-kind';

/** Placeholder until this kind's editor and result view land: shows the raw response. */
export const retentionUi: InsightKindUi = {
  kind: 'RetentionQuery',
  label: 'Retention',
  defaultQuery: () => ({ kind: 'RetentionQuery' }),
  Editor: () => null,
  Result: ({ response }) => <pre className="small">{JSON.stringify(response.results, null, 2)}</pre>,
};
