import { funnelsUi } from './funnels/funnels-ui';
import type { InsightKindName, InsightKindUi } from './insight-kind';
import { lifecycleUi } from './lifecycle/lifecycle-ui';
import { pathsUi } from './paths/paths-ui';
import { retentionUi } from './retention/retention-ui';
import { stickinessUi } from './stickiness/stickiness-ui';
import { trendsUi } from './trends/trends-ui';
// Every drawing of a result goes through this registry, so the result views' styles load wherever one is drawn
// (a dashboard opened first, or a shared page, never loads the insights screens' CSS).
import '../result/results.css';

/** Every insight kind the builder offers, in tab order. */
export const INSIGHT_KINDS: InsightKindUi<any>[] = [trendsUi, funnelsUi, retentionUi, pathsUi, stickinessUi, lifecycleUi];

export function insightKind(kind: InsightKindName): InsightKindUi<any> {
  const found = INSIGHT_KINDS.find((k) => k.kind === kind);
  if (!found) throw new Error(`Unknown insight kind ${kind}`);
  return found;
}
