import type { InsightEditorProps } from '../insight-kind';
import { FunnelBreakdown } from './FunnelBreakdown';
import { FunnelSettings } from './FunnelSettings';
import { FunnelStepList } from './FunnelStepList';
import type { FunnelsQuery } from './funnel-query-model';

/** The funnel builder: steps, then order, window and graph type, then breakdown. */
export function FunnelsEditor({ projectId, query, onChange }: InsightEditorProps<FunnelsQuery>) {
  return (
    <div className="stack funnels-editor">
      <FunnelStepList projectId={projectId} query={query} onChange={onChange} />
      <FunnelSettings projectId={projectId} query={query} onChange={onChange} />
      <FunnelBreakdown projectId={projectId} query={query} onChange={onChange} />
    </div>
  );
}
