import { isIllegalDistinctId } from '../ingest/illegal-distinct-ids.js';
import type { IdentityUnitOfWork } from './identity-unit-of-work.js';

export interface MergeRequest {
  teamId: number;
  /** The id being linked in: `$anon_distinct_id` of `$identify`, `alias` of `$create_alias`. */
  otherId: string;
  /** The event's distinct id, whose person survives. */
  targetId: string;
  /** `$merge_dangerously`: merge even when both persons are identified. */
  dangerous: boolean;
  /** False for a link that identifies nobody (a cookieless visitor's consent): a person made for it stays anonymous. */
  identifies?: boolean;
  timestamp: string;
  eventUuid: string;
}

/**
 * Links `otherId` to `targetId`'s person as PostHog does for $identify / $create_alias, merging two persons when
 * allowed; refusals become ingestion warnings, never errors. Example: mergeDistinctIds(uow, {otherId:'anon-1', targetId:'42', …}).
 */
export async function mergeDistinctIds(uow: IdentityUnitOfWork, req: MergeRequest): Promise<void> {
  const { teamId, otherId, targetId } = req;
  if (otherId === targetId) return;
  if (isIllegalDistinctId(otherId) || isIllegalDistinctId(targetId)) {
    uow.warn(teamId, 'cannot_merge_with_illegal_distinct_id', { sourcePersonDistinctId: otherId, targetPersonDistinctId: targetId, eventUuid: req.eventUuid }, req.timestamp);
    return;
  }
  const other = await uow.find(teamId, otherId);
  const target = await uow.find(teamId, targetId);
  if (other && target) {
    if (other.id === target.id) return;
    if (other.isIdentified && target.isIdentified && !req.dangerous) {
      uow.warn(teamId, 'cannot_merge_already_identified', { sourcePersonDistinctId: otherId, targetPersonDistinctId: targetId, eventUuid: req.eventUuid }, req.timestamp);
      return;
    }
    await uow.mergeInto(other, target);
  } else if (other) {
    await uow.addDistinctId(other, targetId);
  } else if (target) {
    await uow.addDistinctId(target, otherId);
  } else {
    const created = await uow.create(teamId, targetId, req.timestamp, req.identifies ?? true);
    await uow.addDistinctId(created, otherId);
  }
}
